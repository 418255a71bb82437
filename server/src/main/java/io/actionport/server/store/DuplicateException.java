package io.actionport.server.store;

import io.actionport.server.ActionportException;

/** Something with this name already exists; the server never replaces it silently. */
public final class DuplicateException extends ActionportException {

    public DuplicateException(String message) {
        super("conflict", message);
    }
}
