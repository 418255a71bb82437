package io.actionport.server.async;

import io.actionport.server.runner.ExecutionEvents;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for an execution to finish: woken by this node's finish events, and polling the store
 * for executions another node runs.
 */
public final class Completions implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);

    private final ExecutionEvents events;
    private final ExecutionStore executions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("completions").factory());

    public Completions(ExecutionEvents events, ExecutionStore executions) {
        this.events = events;
        this.executions = executions;
    }

    /** The finished record, or empty when {@code timeout} passes first. Never fails. */
    public CompletableFuture<Optional<ExecutionRecord>> await(
            String environment, String executionId, Duration timeout) {
        var result = new CompletableFuture<Optional<ExecutionRecord>>();
        Runnable check = () -> {
            if (!result.isDone()) {
                executions
                        .find(environment, executionId)
                        .filter(record -> record.status().isFinished())
                        .ifPresent(record -> result.complete(Optional.of(record)));
            }
        };
        java.util.function.Consumer<ExecutionEvents.Finished> listener = finished -> {
            if (finished.executionId().equals(executionId)) {
                Thread.ofVirtual().start(check);
            }
        };
        events.onFinished(listener);
        var poll = timer.scheduleWithFixedDelay(
                () -> Thread.ofVirtual().start(check), 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        var deadline =
                timer.schedule(() -> result.complete(Optional.empty()), timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((record, error) -> {
            events.removeListener(listener);
            poll.cancel(false);
            deadline.cancel(false);
        });
        return result;
    }

    /** The execution's record as it is now. */
    public Optional<ExecutionRecord> current(String environment, String executionId) {
        return executions.find(environment, executionId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
