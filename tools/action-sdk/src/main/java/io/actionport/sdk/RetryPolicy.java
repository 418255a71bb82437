package io.actionport.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failed attempt is tried again, with exponential backoff and jitter.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param initialBackoff the wait before the second attempt
 * @param maxBackoff the longest wait between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 6) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 6, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** One attempt, no retry: the safe default. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** Up to {@code maxAttempts} attempts, starting at one second and doubling up to a minute. */
    public static RetryPolicy exponential(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
}
