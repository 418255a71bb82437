package io.actionport.server.runner;

import io.actionport.server.schema.Violation;
import java.util.List;
import java.util.Objects;

/**
 * Why an execution failed.
 *
 * @param kind whose fault it is
 * @param code a short machine-readable code, e.g. {@code action_timeout}
 * @param message what happened, in words a person or model can act on
 * @param violations output schema violations, for {@link ErrorKind#INVALID_OUTPUT}
 * @param providerStatus the provider's HTTP status, for {@link ErrorKind#PROVIDER}, else null
 */
public record ExecutionError(
        ErrorKind kind, String code, String message, List<Violation> violations, Integer providerStatus) {

    public ExecutionError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        violations = List.copyOf(violations);
    }

    public static ExecutionError of(ErrorKind kind, String code, String message) {
        return new ExecutionError(kind, code, message, List.of(), null);
    }
}
