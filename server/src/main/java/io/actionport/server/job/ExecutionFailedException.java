package io.actionport.server.job;

import io.actionport.server.ActionportException;
import io.actionport.server.runner.ExecutionError;

/** An action a job called ran and failed; the execution record holds the same error. */
public final class ExecutionFailedException extends ActionportException {

    private final String executionId;
    private final ExecutionError error;

    public ExecutionFailedException(String executionId, ExecutionError error) {
        super(error.code(), error.message() + " [execution " + executionId + "]");
        this.executionId = executionId;
        this.error = error;
    }

    public String executionId() {
        return executionId;
    }

    public ExecutionError error() {
        return error;
    }
}
