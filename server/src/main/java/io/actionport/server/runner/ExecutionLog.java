package io.actionport.server.runner;

import io.actionport.sdk.ActionLogger;
import io.actionport.server.store.ContentCaps;
import io.actionport.server.store.LogLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.helpers.MessageFormatter;

/** Collects an execution's log lines, secrets redacted, up to a bound, for storing with it, and passes each on. */
final class ExecutionLog implements ActionLogger {

    static final int MAX_LINES = 1_000;
    private static final String REDACTED = "[REDACTED]";

    private final Clock clock;
    private final List<String> secrets;
    private final ProgressListener listener;
    private final List<LogLine> lines = new ArrayList<>();
    private int dropped;

    /** @param listener gets each line as it is written, e.g. to pass it on to a waiting MCP client */
    ExecutionLog(Clock clock, Collection<String> secrets, ProgressListener listener) {
        this.clock = clock;
        this.listener = listener;
        // Longest first, so a secret that contains another is redacted whole.
        this.secrets = secrets.stream()
                .filter(secret -> secret != null && secret.length() >= 4)
                .sorted((a, b) -> b.length() - a.length())
                .toList();
    }

    synchronized List<LogLine> lines() {
        if (dropped == 0) {
            return List.copyOf(lines);
        }
        var all = new ArrayList<>(lines);
        all.add(new LogLine(clock.instant(), "WARN", dropped + " more lines dropped: the limit is " + MAX_LINES));
        return all;
    }

    @Override
    public void log(String level, String message, Object... args) {
        var line = append(level, message, args);
        if (line != null) {
            listener.logged(line.level(), ContentCaps.cut(line.message(), ContentCaps.LOG_MESSAGE_CHARS));
        }
    }

    /** The line as stored, or null when it is past the limit and only counted. */
    private synchronized LogLine append(String level, String message, Object... args) {
        if (lines.size() >= MAX_LINES) {
            dropped++;
            return null;
        }
        var fields = new java.util.TreeMap<String, String>();
        var formatArgs = args;
        // A map after the last placeholder's argument holds structured fields, as in log.info("created", Map.of("id",
        // 3)).
        if (args.length > 0
                && args[args.length - 1] instanceof java.util.Map<?, ?> map
                && placeholders(message) < args.length) {
            map.forEach((key, value) -> fields.put(String.valueOf(key), redact(String.valueOf(value))));
            formatArgs = java.util.Arrays.copyOf(args, args.length - 1);
        }
        var line = new LogLine(
                clock.instant(),
                level,
                redact(MessageFormatter.arrayFormat(message, formatArgs).getMessage()),
                fields);
        lines.add(line);
        return line;
    }

    private static int placeholders(String message) {
        int count = 0;
        for (int at = message.indexOf("{}"); at >= 0; at = message.indexOf("{}", at + 2)) {
            count++;
        }
        return count;
    }

    private String redact(String text) {
        var result = text == null ? "" : text;
        for (var secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        return result;
    }
}
