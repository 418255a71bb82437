package io.actionport.server.runner;

import io.actionport.server.store.ExecutionStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells interested parts of this process (MCP subscriptions, webhooks, waiting callers) that an execution finished. */
public final class ExecutionEvents {

    /**
     * An execution reached a final status.
     *
     * @param environment its environment
     * @param executionId its id
     * @param action its action, {@code integration/name}
     * @param status its final status
     * @param async whether it ran on the queue
     * @param elapsed from its acceptance to its final status
     */
    public record Finished(
            String environment,
            String executionId,
            String action,
            ExecutionStatus status,
            boolean async,
            java.time.Duration elapsed) {}

    private static final Logger log = LoggerFactory.getLogger(ExecutionEvents.class);

    private final List<Consumer<Finished>> listeners = new CopyOnWriteArrayList<>();

    public void onFinished(Consumer<Finished> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Finished> listener) {
        listeners.remove(listener);
    }

    void publish(Finished event) {
        for (var listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("a listener failed on execution {}", event.executionId(), e);
            }
        }
    }
}
