package io.actionport.server.cli;

import io.actionport.server.ActionportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import tools.jackson.core.JacksonException;

/** The one line a failed command prints: {@code error: <code>: <message>}, never a stack trace. */
final class CommandErrors {

    private CommandErrors() {}

    static String line(Exception e) {
        return switch (e) {
            case ActionportException known -> "error: " + known.code() + ": " + known.getMessage();
            case JacksonException json -> "error: invalid_json: " + json.getOriginalMessage();
            case IllegalArgumentException invalid -> "error: invalid_argument: " + message(invalid);
            case UncheckedIOException io -> "error: io_error: " + message(io);
            case IOException io -> "error: io_error: " + message(io);
            default -> "error: failed: " + message(e);
        };
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
