package io.actionport.server.mcp;

import io.actionport.server.Blocking;
import io.actionport.server.async.AsyncExecutions;
import io.actionport.server.async.Completions;
import io.actionport.server.auth.KeyRoles;
import io.actionport.server.auth.Principal;
import io.actionport.server.http.ExecutionViews;
import io.actionport.server.mcp.stateless.ToolAnswer;
import io.actionport.server.registry.DeployedAction;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.TaskRequestStore;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a tool call runs, by the action's mode: {@code sync} waits for the runner; {@code async}
 * answers at once with a link to the result; {@code async-when-slow} waits up to its sync budget,
 * then answers with the link while the execution goes on, durably, on the queue.
 */
public final class ToolRunner {

    private final ActionRunner runner;
    private final AsyncExecutions queue;
    private final Completions completions;
    private final ExecutionStore executions;
    private final TaskRequestStore taskRequests;
    private final Duration defaultSyncBudget;

    public ToolRunner(
            ActionRunner runner,
            AsyncExecutions queue,
            Completions completions,
            ExecutionStore executions,
            TaskRequestStore taskRequests,
            Duration defaultSyncBudget) {
        this.runner = runner;
        this.taskRequests = taskRequests;
        this.queue = queue;
        this.completions = completions;
        this.executions = executions;
        this.defaultSyncBudget = defaultSyncBudget;
    }

    Mono<CallToolResult> call(ExecutionRequest request, DeployedAction action) {
        return answer(request, action).map(answer -> switch (answer) {
            case ToolAnswer.Finished finished -> finished.result();
            case ToolAnswer.Accepted accepted -> accepted.link();
        });
    }

    /** Runs a call, and says whether it finished or goes on in the background. */
    Mono<ToolAnswer> answer(ExecutionRequest request, DeployedAction action) {
        return answer(request, action, null);
    }

    /**
     * Runs a call for a client that takes tasks: what goes on in the background runs as a task,
     * whose action may ask that client what it declared in {@code taskCapabilities}.
     *
     * @param taskCapabilities the client's capabilities as JSON, or null for a client without tasks
     */
    Mono<ToolAnswer> answer(ExecutionRequest request, DeployedAction action, String taskCapabilities) {
        if (queue.gate().stopping()) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("the server is shutting down and accepts no new tool calls; retry in a few seconds")
                    .data("shutting_down")
                    .build());
        }
        var descriptor = action.descriptor();
        return switch (descriptor.mode()) {
            case SYNC -> Mono.fromFuture(() -> runner.submit(request), false).map(ToolRunner::finished);
            // The call answers before the execution runs: progress would outlive its request.
            case ASYNC ->
                enqueue(withoutProgress(request), taskCapabilities, request.progress())
                        .map(ToolRunner::accepted);
            case ASYNC_WHEN_SLOW -> {
                var waiting = new WaitingCall(request.progress());
                yield enqueue(withListener(request, waiting), taskCapabilities, request.progress())
                        .flatMap(record -> Mono.fromFuture(completions.await(
                                        request.environment(),
                                        record.id(),
                                        descriptor.syncBudget() == null ? defaultSyncBudget : descriptor.syncBudget()))
                                .map(finished -> finished.map(done -> finished(waiting.outcome(done)))
                                        .orElseGet(() -> {
                                            waiting.answered();
                                            queue.detachProgress(record.id());
                                            return accepted(record);
                                        })));
            }
        };
    }

    /** Cancels an execution of the environment; false when it had finished already. */
    Mono<Boolean> cancel(String environment, String executionId) {
        return Blocking.call(() -> queue.cancel(environment, executionId));
    }

    /** An execution of the environment, when the key may see it. */
    Mono<Optional<ExecutionRecord>> find(String environment, String executionId, Principal principal) {
        return Blocking.call(() -> executions
                .find(environment, executionId)
                .filter(record -> principal == null || KeyRoles.maySeeExecution(principal, record.keyId())));
    }

    private static ToolAnswer finished(ExecutionOutcome outcome) {
        return new ToolAnswer.Finished(ToolResults.of(outcome));
    }

    private static ToolAnswer accepted(ExecutionRecord record) {
        return new ToolAnswer.Accepted(record, ToolResults.accepted(record));
    }

    /**
     * The execution view a result resource shows, or empty when the environment has no such execution
     * or the session's key may not see it (a caller key sees the executions it started).
     *
     * @param principal the session's key, or null over stdio
     */
    Mono<Optional<ObjectNode>> view(String environment, String executionId, Principal principal) {
        return find(environment, executionId, principal)
                .map(found -> found.map(record -> ExecutionViews.view(record, executions.logs(executionId))));
    }

    /** Runs an execution now, whatever the action's mode, and waits for its outcome: for reading a resource. */
    Mono<ExecutionOutcome> runNow(ExecutionRequest request) {
        return Mono.fromFuture(() -> runner.submit(request), false);
    }

    /**
     * The ids of the environment's newest executions the key may see that start with {@code prefix}.
     *
     * @param principal the key, or null over stdio
     */
    Mono<List<String>> executionIds(String environment, Principal principal, String prefix, int limit) {
        var keyId = principal == null || principal.isAdmin() ? null : principal.keyId();
        return Blocking.call(() -> executions.idsStartingWith(environment, keyId, prefix, limit));
    }

    private static ExecutionRequest withoutProgress(ExecutionRequest request) {
        return withListener(request, null);
    }

    private static ExecutionRequest withListener(ExecutionRequest request, ProgressListener listener) {
        return new ExecutionRequest(
                request.environment(),
                request.integration(),
                request.actionName(),
                request.connectionId(),
                request.input(),
                request.caller(),
                listener,
                request.keyId());
    }

    /**
     * @param client who asks the action's first question, before a task is created: the caller's
     *     own listener, which the queued execution does not keep
     */
    private Mono<ExecutionRecord> enqueue(ExecutionRequest request, String taskCapabilities, ProgressListener client) {
        return Blocking.call(() -> taskCapabilities == null
                ? queue.enqueue(request, runner.newId(), null)
                : queue.enqueueTask(request, runner.newId(), taskCapabilities, client));
    }

    /** What a task's action asked its client, answered or not. */
    Mono<List<TaskRequestStore.TaskRequest>> taskRequests(String executionId) {
        return Blocking.call(() -> taskRequests.requests(executionId));
    }

    /** Stores a client's answer to its task's request; false when no such request waits. */
    Mono<Boolean> answerTask(String executionId, String key, String answer) {
        return Blocking.call(() -> taskRequests.answer(executionId, key, answer));
    }
}
