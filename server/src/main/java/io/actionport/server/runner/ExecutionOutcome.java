package io.actionport.server.runner;

import io.actionport.server.registry.DeployedAction;
import tools.jackson.databind.JsonNode;

/** How an execution ended: with an output or with an error. */
public sealed interface ExecutionOutcome {

    /** The execution's id. */
    String executionId();

    /** The action that ran. */
    DeployedAction action();

    /** The action returned an output that passed its schema and the size cap. */
    record Succeeded(String executionId, DeployedAction action, JsonNode output) implements ExecutionOutcome {}

    /** The action failed; the execution record holds the same error. */
    record Failed(String executionId, DeployedAction action, ExecutionError error) implements ExecutionOutcome {}
}
