package io.actionport.server.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an execution's text may take in the store: log lines, log fields and error messages longer
 * than their cap are cut, with a marker that gives the original size, so no content an action
 * produces can make its record fail to store.
 */
public final class ContentCaps {

    /** Characters of one log line's message. */
    public static final int LOG_MESSAGE_CHARS = 8_000;
    /** Characters of one log line's fields, written as a JSON object. */
    public static final int LOG_FIELDS_CHARS = 8_000;
    /** Characters of an execution's error message. */
    public static final int ERROR_MESSAGE_CHARS = 4_000;
    /** Characters of an execution's error code. */
    public static final int ERROR_CODE_CHARS = 64;

    private static final int FIELD_VALUE_CHARS = 1_000;

    private ContentCaps() {}

    /** {@code text} itself when it fits {@code cap} characters, else its start and {@code … [cut: N chars]}. */
    public static String cut(String text, int cap) {
        if (text == null || text.length() <= cap) {
            return text;
        }
        var marker = "… [cut: " + text.length() + " chars]";
        int keep = Math.max(0, cap - marker.length());
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + marker;
    }

    /** An error code that fits its column: codes are short words, so a long one is cut without a marker. */
    public static String code(String code) {
        return code == null || code.length() <= ERROR_CODE_CHARS ? code : code.substring(0, ERROR_CODE_CHARS);
    }

    /** A log line whose message and fields fit their caps. */
    public static LogLine line(LogLine line) {
        var message = cut(line.message(), LOG_MESSAGE_CHARS);
        var fields = fields(line.fields());
        if (message == line.message() && fields == line.fields()) {
            return line;
        }
        return new LogLine(line.at(), line.level(), message, fields);
    }

    /** Fields whose JSON fits the cap: long values are cut, then fields past the cap are dropped and counted. */
    static Map<String, String> fields(Map<String, String> fields) {
        if (fields.isEmpty() || Json.write(fields).length() <= LOG_FIELDS_CHARS) {
            return fields;
        }
        var kept = new LinkedHashMap<String, String>();
        int size = 2;
        int dropped = 0;
        for (var entry : fields.entrySet()) {
            var key = cut(entry.getKey(), 100);
            var value = cut(entry.getValue(), FIELD_VALUE_CHARS);
            int entrySize = Json.write(Map.of(key, value)).length();
            // Room is kept for the note on dropped fields.
            if (dropped == 0 && size + entrySize < LOG_FIELDS_CHARS - 100) {
                kept.put(key, value);
                size += entrySize;
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            kept.put(
                    "_cut",
                    dropped + " fields dropped: the fields of a line are capped at " + LOG_FIELDS_CHARS + " chars");
        }
        return kept;
    }
}
