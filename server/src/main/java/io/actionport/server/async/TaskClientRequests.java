package io.actionport.server.async;

import io.actionport.server.runner.ClientRequest;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import io.actionport.server.store.TaskRequestStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a background execution that runs as a task tells and asks: progress and log lines go where
 * they went, and a request to the client (an elicitation, say) is stored for {@code tasks/get} to
 * show as {@code input_required}; the action waits, on whichever node runs it, until
 * {@code tasks/update} stores the answer, or its own timeout or a cancellation ends the wait.
 */
final class TaskClientRequests implements ProgressListener {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ProgressListener delegate;
    private final String executionId;
    private final TaskRequestStore store;
    private final ObjectNode capabilities;

    TaskClientRequests(ProgressListener delegate, String executionId, TaskRequestStore store, String capabilities) {
        this.delegate = delegate;
        this.executionId = executionId;
        this.store = store;
        this.capabilities = (ObjectNode) Json.MAPPER.readTree(capabilities);
    }

    @Override
    public void onProgress(double done, Double total, String message) {
        delegate.onProgress(done, total, message);
    }

    @Override
    public void logged(String level, String message) {
        delegate.logged(level, message);
    }

    @Override
    public void succeededWith(List<io.actionport.sdk.Content> content) {
        delegate.succeededWith(content);
    }

    @Override
    public JsonNode ask(ClientRequest request) {
        return askAll(List.of(request)).getFirst();
    }

    /**
     * Stores every request at once, so that {@code tasks/get} shows them together and the client
     * may answer them in one {@code tasks/update} or one by one; waits until all are answered.
     */
    @Override
    public List<JsonNode> askAll(List<ClientRequest> requests) {
        if (requests.stream().anyMatch(request -> !capabilities.has(request.capability()))) {
            // The task's client cannot answer one of them: whoever else waits may, or refuses; nothing is stored.
            return delegate.askAll(requests);
        }
        for (var request : requests) {
            store.ask(
                    executionId,
                    request.key(),
                    request.method(),
                    request.params().toString());
        }
        while (true) {
            var answers = new HashMap<String, String>();
            for (var asked : store.requests(executionId)) {
                if (asked.answer() != null) {
                    answers.put(asked.key(), asked.answer());
                }
            }
            if (requests.stream().allMatch(request -> answers.containsKey(request.key()))) {
                return requests.stream()
                        .map(request -> Json.MAPPER.readTree(answers.get(request.key())))
                        .toList();
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                // The action's timeout or a cancellation: stop waiting, as the action stops.
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "stopped waiting for the answers to "
                                + requests.stream().map(ClientRequest::key).toList(),
                        e);
            }
        }
    }
}
