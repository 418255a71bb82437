package io.actionport.server.runner;

import io.actionport.server.store.LogLine;
import java.time.Duration;
import java.util.List;

/**
 * One run of an action: how it ended, what it logged, and how long the provider asked to wait
 * before another try (a 429's {@code Retry-After}), if it said.
 */
public record Attempt(ExecutionOutcome outcome, List<LogLine> logs, Duration retryAfter) {

    public Attempt {
        logs = List.copyOf(logs);
    }
}
