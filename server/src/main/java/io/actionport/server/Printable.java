package io.actionport.server;

/** Shows a value the caller sent inside an error message: short, one line, control characters escaped. */
public final class Printable {

    private static final int MAX_SHOWN = 64;

    private Printable() {}

    /** The value, cut to 64 characters, with control characters as {@code \\uXXXX}. */
    public static String quote(String value) {
        var shown = new StringBuilder();
        value.codePoints().limit(MAX_SHOWN).forEach(point -> {
            if (Character.isISOControl(point)) {
                shown.append(String.format("\\u%04x", point));
            } else {
                shown.appendCodePoint(point);
            }
        });
        return value.codePointCount(0, value.length()) > MAX_SHOWN ? shown + "…" : shown.toString();
    }
}
