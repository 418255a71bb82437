package io.actionport.server.cli;

import io.actionport.server.ActionportException;

/** A command could not do its work; printed as {@code error: <code>: <message>}, never with a stack trace. */
final class CommandFailure extends ActionportException {

    CommandFailure(String code, String message) {
        super(code, message);
    }
}
