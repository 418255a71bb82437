package io.actionport.server.cli;

import io.actionport.server.ActionportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * How a failed command ends: one line, {@code error: <code>: <message>}, never a stack trace, and
 * an exit code that tells scripts the kind of failure (docs/cli.md, "Exit codes").
 */
final class CommandErrors {

    /** The command failed for another reason. */
    static final int FAILED = 1;
    /** The named thing (bundle, action, connection, execution...) does not exist. */
    static final int NOT_FOUND = 3;
    /** The server refused it: the key may not, the input is invalid, or it would conflict. */
    static final int REFUSED = 4;
    /** No server answered. */
    static final int UNREACHABLE = 5;

    private static final Set<String> REFUSALS = Set.of(
            "missing_key",
            "not_connectable",
            "connection_required",
            "end_user_mismatch",
            "admin_key_required",
            "wrong_environment",
            "forbidden",
            "deployment_conflict",
            "breaking_change",
            "egress_refused",
            "last_admin_key",
            "conflict",
            "request_too_large");

    private CommandErrors() {}

    static String line(Exception e) {
        return "error: " + code(e) + ": " + message(e);
    }

    static int exitCode(Exception e) {
        var code = code(e);
        if (code.equals("unreachable") || code.equals("timeout")) {
            return UNREACHABLE;
        }
        if (code.startsWith("unknown_") || code.equals("not_found")) {
            return NOT_FOUND;
        }
        if (code.startsWith("invalid_") || REFUSALS.contains(code)) {
            return REFUSED;
        }
        return FAILED;
    }

    private static String code(Exception e) {
        return switch (e) {
            case ActionportException known -> known.code();
            case JacksonException json -> "invalid_json";
            case IllegalArgumentException invalid -> "invalid_argument";
            case UncheckedIOException io -> "io_error";
            case IOException io -> "io_error";
            default -> "failed";
        };
    }

    private static String message(Exception e) {
        if (e instanceof JacksonException json) {
            return json.getOriginalMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
