package io.actionport.server.job;

import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.store.Json;
import tools.jackson.databind.JsonNode;

/**
 * Calls actions from a backend job in the server's JVM: the same runner, validation and execution
 * records as the HTTP and MCP doors, without a network hop. Blocks the calling thread, so call it
 * from a virtual thread or a worker, never from an event loop.
 */
public final class JobClient {

    private final ActionRunner runner;
    private final String environment;
    private final String integration;
    private final String connectionId;

    public JobClient(ActionRunner runner, String environment, String integration, String connectionId) {
        this.runner = runner;
        this.environment = environment;
        this.integration = integration;
        this.connectionId = connectionId;
    }

    /** Runs an action and returns its output as JSON, or throws {@link ExecutionFailedException}. */
    public JsonNode call(String action, Object input) {
        var outcome = runner.run(ExecutionRequest.of(
                environment, integration, action, connectionId, Json.MAPPER.valueToTree(input), Caller.JOB));
        return switch (outcome) {
            case ExecutionOutcome.Succeeded ok -> ok.output();
            case ExecutionOutcome.Failed failed ->
                throw new ExecutionFailedException(failed.executionId(), failed.error());
        };
    }

    /** Runs an action and reads its output as {@code outputType}. */
    public <O> O call(String action, Object input, Class<O> outputType) {
        return Json.MAPPER.treeToValue(call(action, input), outputType);
    }
}
