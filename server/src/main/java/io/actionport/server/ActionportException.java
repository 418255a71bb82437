package io.actionport.server;

/**
 * The root of every failure the server reports on purpose. Each subclass carries its context in
 * fields; each door maps them to its own error shape in one place.
 */
public class ActionportException extends RuntimeException {

    private final String code;

    public ActionportException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ActionportException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A short machine-readable code, e.g. {@code unknown_action}. */
    public String code() {
        return code;
    }
}
