package io.actionport.server.registry;

import io.actionport.server.ActionportException;

/** A deploy would replace or miss something silently; it is refused instead. */
public final class DeploymentConflictException extends ActionportException {

    public DeploymentConflictException(String message) {
        super("deployment_conflict", message);
    }
}
