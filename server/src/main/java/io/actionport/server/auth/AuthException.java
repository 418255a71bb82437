package io.actionport.server.auth;

import io.actionport.server.ActionportException;

/** The caller is not authenticated (401) or not allowed where it asked to go (403). */
public final class AuthException extends ActionportException {

    private final int status;

    public AuthException(int status, String code, String message) {
        super(code, message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
