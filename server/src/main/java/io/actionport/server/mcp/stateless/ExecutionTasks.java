package io.actionport.server.mcp.stateless;

import io.actionport.server.runner.ErrorKind;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.Json;
import io.actionport.server.store.TaskRequestStore;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * An execution seen as a task of the tasks extension: the task id is the execution id, its status
 * moves forward only (working, then completed or cancelled), and a finished task carries the tool
 * result the execution stands for. A failed execution is a tool error, so its task is
 * {@code completed} with an {@code isError} result; {@code failed}, with a JSON-RPC error instead of
 * a result, is kept for what is no answer of the tool: an action that crashed, or an execution
 * whose outcome is unknown after its node died.
 */
final class ExecutionTasks {

    /** How often a client should poll {@code tasks/get} while the task works. */
    static final long POLL_INTERVAL_MS = 1_000;

    private static final int INTERNAL_ERROR = -32603;

    private ExecutionTasks() {}

    /**
     * The task fields of an execution: with its result once it finished, and while it waits for
     * its client, {@code input_required} with the requests still unanswered.
     */
    static ObjectNode task(ExecutionRecord record, ToolSurface tools, List<TaskRequestStore.TaskRequest> asked) {
        var task = Json.MAPPER.createObjectNode();
        task.put("taskId", record.id());
        var waiting = record.status().isFinished()
                ? List.<TaskRequestStore.TaskRequest>of()
                : asked.stream().filter(request -> request.answer() == null).toList();
        var failed = isFailure(record);
        task.put("status", waiting.isEmpty() ? (failed ? "failed" : status(record.status())) : "input_required");
        if (!waiting.isEmpty()) {
            var requests = task.putObject("inputRequests");
            for (var request : waiting) {
                var entry = requests.putObject(request.key());
                entry.put("method", request.method());
                entry.set("params", Json.MAPPER.readTree(request.params()));
            }
        }
        task.put("statusMessage", message(record));
        task.put("createdAt", record.createdAt().toString());
        task.put("lastUpdatedAt", lastUpdated(record).toString());
        // Execution records are kept until an operator purges them: no expiry to announce.
        task.putNull("ttlMs");
        if (!record.status().isFinished()) {
            task.put("pollIntervalMs", POLL_INTERVAL_MS);
        } else if (failed) {
            var error = task.putObject("error")
                    .put("code", INTERNAL_ERROR)
                    .put("message", record.qualifiedAction() + " failed: " + record.errorMessage());
            error.putObject("data").put("code", record.errorCode()).put("execution_id", record.id());
        } else if (record.status() != ExecutionStatus.CANCELLED) {
            task.set("result", Json.MAPPER.valueToTree(tools.resultOf(record)));
        }
        return task;
    }

    /** A failure that is no answer of the tool: the action crashed, or the outcome is unknown. */
    private static boolean isFailure(ExecutionRecord record) {
        return record.status() == ExecutionStatus.FAILED
                && ExecutionOutcome.of(record) instanceof ExecutionOutcome.Failed failure
                && failure.error().kind() == ErrorKind.CRASH;
    }

    static String status(ExecutionStatus status) {
        return switch (status) {
            case QUEUED, RUNNING -> "working";
            case SUCCEEDED, FAILED -> "completed";
            case CANCELLED -> "cancelled";
        };
    }

    private static String message(ExecutionRecord record) {
        var action = record.qualifiedAction();
        return switch (record.status()) {
            case QUEUED -> action + " is queued";
            case RUNNING -> action + " is running (attempt " + record.attempts() + " of " + record.maxAttempts() + ")";
            case SUCCEEDED -> action + " succeeded";
            case FAILED -> action + " failed: " + record.errorCode();
            case CANCELLED -> action + " was cancelled";
        };
    }

    private static Instant lastUpdated(ExecutionRecord record) {
        if (record.finishedAt() != null) {
            return record.finishedAt();
        }
        return record.startedAt() != null ? record.startedAt() : record.createdAt();
    }
}
