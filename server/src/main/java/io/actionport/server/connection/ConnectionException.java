package io.actionport.server.connection;

import io.actionport.server.ActionportException;

/** The integration or connection a call names does not exist, or none was named where one must be. */
public final class ConnectionException extends ActionportException {

    public ConnectionException(String code, String message) {
        super(code, message);
    }

    /** True when the caller named something that does not exist, rather than naming nothing. */
    public boolean isNotFound() {
        return !code().equals("missing_connection");
    }
}
