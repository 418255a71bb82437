package io.actionport.server.async;

import io.actionport.sdk.RetryPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter: the wait doubles per attempt up to the cap, then a random half is taken off. */
final class Backoff {

    private final RandomGenerator random;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** The wait after attempt number {@code attempt} (1 for the first) failed. */
    Duration after(int attempt, RetryPolicy policy) {
        var initial = policy.initialBackoff().isZero() ? Duration.ofSeconds(1) : policy.initialBackoff();
        var max = policy.maxBackoff().compareTo(initial) < 0 ? initial : policy.maxBackoff();
        long exponential = initial.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(exponential, max.toMillis());
        return Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1));
    }
}
