package io.actionport.server.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Executions that run as tasks for a client that can answer requests, and what their actions
 * asked that client: the request waits here, durably and visible to every node, until
 * {@code tasks/update} stores its answer.
 */
public final class TaskRequestStore {

    /**
     * One request of a task's action to its client.
     *
     * @param params the MCP params, as JSON
     * @param answer the client's answer as JSON, or null while it is outstanding
     */
    public record TaskRequest(String key, String method, String params, String answer) {}

    private final Jdbc jdbc;
    private final Clock clock;

    public TaskRequestStore(Database database, Clock clock) {
        this.jdbc = new Jdbc(database.queueDataSource());
        this.clock = clock;
    }

    /** Records that {@code executionId} runs as a task of a client that declared {@code capabilities}. */
    public void runsAsTask(String executionId, String capabilities) {
        jdbc.update("INSERT INTO task_clients (execution_id, capabilities) VALUES (?, ?)", executionId, capabilities);
    }

    /** The capabilities of the client a task runs for, when the execution runs as one. */
    public Optional<String> clientOf(String executionId) {
        return jdbc.queryOne(
                "SELECT capabilities FROM task_clients WHERE execution_id = ?", row -> row.getString(1), executionId);
    }

    /** Records a request unless the action asked it before (it asks again when run again). */
    public void ask(String executionId, String key, String method, String params) {
        try {
            jdbc.update(
                    "INSERT INTO task_requests (execution_id, request_key, method, params, asked_at) VALUES (?, ?, ?, ?, ?)",
                    executionId,
                    key,
                    method,
                    params,
                    clock.instant());
        } catch (StoreException e) {
            // Asked already (the action runs again after a restart): keep the first.
            if (!e.isDuplicateKey()) {
                throw e;
            }
        }
    }

    /** Stores the answer to an outstanding request; false when there is none by that key. */
    public boolean answer(String executionId, String key, String answer) {
        return jdbc.update(
                        "UPDATE task_requests SET answer = ?, answered_at = ? "
                                + "WHERE execution_id = ? AND request_key = ? AND answer IS NULL",
                        answer,
                        clock.instant(),
                        executionId,
                        key)
                == 1;
    }

    /** Every request of an execution, in the order asked. */
    public List<TaskRequest> requests(String executionId) {
        return jdbc.query(
                "SELECT request_key, method, params, answer FROM task_requests WHERE execution_id = ? ORDER BY asked_at",
                row -> new TaskRequest(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                executionId);
    }
}
