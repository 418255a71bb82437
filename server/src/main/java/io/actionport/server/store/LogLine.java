package io.actionport.server.store;

import java.time.Instant;

/**
 * One line an action logged.
 *
 * @param at when it was logged
 * @param level DEBUG, INFO, WARN or ERROR
 * @param message the formatted message, secrets redacted
 */
public record LogLine(Instant at, String level, String message) {}
