package io.actionport.server.auth;

import io.actionport.server.ActionportException;

/** A key or environment request that cannot be done as asked: 400, 404 or 409, with what to do instead. */
public final class ManagementException extends ActionportException {

    private final int status;

    public ManagementException(int status, String code, String message) {
        super(code, message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
