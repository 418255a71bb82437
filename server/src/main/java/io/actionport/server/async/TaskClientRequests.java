package io.actionport.server.async;

import io.actionport.server.runner.ClientRequest;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import io.actionport.server.store.TaskRequestStore;
import java.time.Duration;
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
        if (!capabilities.has(request.capability())) {
            return delegate.ask(request);
        }
        store.ask(executionId, request.key(), request.method(), request.params().toString());
        while (true) {
            var answered = store.requests(executionId).stream()
                    .filter(asked -> asked.key().equals(request.key()) && asked.answer() != null)
                    .findFirst();
            if (answered.isPresent()) {
                return Json.MAPPER.readTree(answered.get().answer());
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                // The action's timeout or a cancellation: stop waiting, as the action stops.
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped waiting for the answer to " + request.key(), e);
            }
        }
    }
}
