package io.actionport.server.runner;

import io.actionport.server.ActionportException;
import io.actionport.server.schema.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The input breaks the action's input schema; nothing ran. */
public final class InvalidInputException extends ActionportException {

    private final String actionName;
    private final List<Violation> violations;

    public InvalidInputException(String actionName, List<Violation> violations) {
        super(
                "invalid_action_input",
                "input of " + actionName + " is invalid: "
                        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.actionName = actionName;
        this.violations = List.copyOf(violations);
    }

    public String actionName() {
        return actionName;
    }

    public List<Violation> violations() {
        return violations;
    }
}
