package io.actionport.sdk;

/**
 * Writes log lines that are stored with the execution and shown to whoever inspects it.
 *
 * <p>Messages use SLF4J-style {@code {}} placeholders. Values of the connection's credentials are
 * redacted before storage. An MCP client whose call is still waiting for its answer also receives
 * each line as a log message notification, at the level it asked for with {@code logging/setLevel}
 * ({@code WARN} is MCP's {@code warning}). An implementation writes {@link #log}; the level methods
 * call it.
 */
public interface ActionLogger {

    /** Writes one line at {@code level}: {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}. */
    void log(String level, String message, Object... args);

    default void debug(String message, Object... args) {
        log("DEBUG", message, args);
    }

    default void info(String message, Object... args) {
        log("INFO", message, args);
    }

    default void warn(String message, Object... args) {
        log("WARN", message, args);
    }

    default void error(String message, Object... args) {
        log("ERROR", message, args);
    }
}
