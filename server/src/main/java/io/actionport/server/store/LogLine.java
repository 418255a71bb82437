package io.actionport.server.store;

import java.time.Instant;
import java.util.Map;

/**
 * One line an action logged.
 *
 * @param at when it was logged
 * @param level DEBUG, INFO, WARN or ERROR
 * @param message the formatted message, secrets redacted
 * @param fields structured fields (a trailing map argument of the log call), secrets redacted; may be empty
 */
public record LogLine(Instant at, String level, String message, Map<String, String> fields) {

    public LogLine {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public LogLine(Instant at, String level, String message) {
        this(at, level, message, Map.of());
    }
}
