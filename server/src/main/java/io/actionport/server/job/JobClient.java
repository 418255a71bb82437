package io.actionport.server.job;

import io.actionport.server.async.AsyncExecutions;
import io.actionport.server.async.Completions;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.Json;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Calls actions from a backend job in the server's JVM: the same runner, validation, execution
 * records and durable queue as the HTTP and MCP doors, without a network hop. The calls block, so
 * make them from a virtual thread or a worker, never from an event loop.
 */
public final class JobClient {

    private final ActionRunner runner;
    private final AsyncExecutions queue;
    private final Completions completions;
    private final String environment;
    private final String integration;
    private final String connectionId;

    public JobClient(
            ActionRunner runner,
            AsyncExecutions queue,
            Completions completions,
            String environment,
            String integration,
            String connectionId) {
        this.runner = runner;
        this.queue = queue;
        this.completions = completions;
        this.environment = environment;
        this.integration = integration;
        this.connectionId = connectionId;
    }

    /** Runs an action now and returns its output as JSON, or throws {@link ExecutionFailedException}. */
    public JsonNode call(String action, Object input) {
        return outputOf(runner.run(request(action, input)));
    }

    /** Runs an action now and reads its output as {@code outputType}. */
    public <O> O call(String action, Object input, Class<O> outputType) {
        return Json.MAPPER.treeToValue(call(action, input), outputType);
    }

    /** Puts an execution on the durable queue and returns its id at once. */
    public String submit(String action, Object input) {
        return queue.enqueue(request(action, input), runner.newId(), null).id();
    }

    /** The output of a submitted execution once it finishes, or empty if {@code timeout} passes first. */
    public Optional<JsonNode> await(String executionId, Duration timeout) {
        return completions
                .await(environment, executionId, timeout)
                .join()
                .map(ExecutionOutcome::of)
                .map(JobClient::outputOf);
    }

    /** The execution's record as it is now. */
    public Optional<ExecutionRecord> status(String executionId) {
        return completions.current(environment, executionId);
    }

    private ExecutionRequest request(String action, Object input) {
        return ExecutionRequest.of(
                environment, integration, action, connectionId, Json.MAPPER.valueToTree(input), Caller.JOB);
    }

    private static JsonNode outputOf(ExecutionOutcome outcome) {
        return switch (outcome) {
            case ExecutionOutcome.Succeeded ok -> ok.output();
            case ExecutionOutcome.Failed failed ->
                throw new ExecutionFailedException(failed.executionId(), failed.error());
        };
    }
}
