package io.actionport.server.runner;

import io.actionport.server.ActionportException;

/** No action by that name is deployed where the caller looked. */
public final class UnknownActionException extends ActionportException {

    private final String actionName;

    public UnknownActionException(String environment, String integration, String actionName) {
        super(
                "unknown_action",
                "no action '" + actionName + "' is deployed in environment " + environment
                        + (integration == null ? "" : " for integration '" + integration + "'")
                        + "; list the deployed actions with GET /actions or tools/list");
        this.actionName = actionName;
    }

    public String actionName() {
        return actionName;
    }
}
