package io.actionport.sdk;

/**
 * Writes log lines that are stored with the execution and shown to whoever inspects it.
 *
 * <p>Messages use SLF4J-style {@code {}} placeholders. Values of the connection's credentials are
 * redacted before storage.
 */
public interface ActionLogger {

    void debug(String message, Object... args);

    void info(String message, Object... args);

    void warn(String message, Object... args);

    void error(String message, Object... args);
}
