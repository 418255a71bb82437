package io.actionport.server.async;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Keeps one noisy connection or integration from starving the others: at most N executions of a
 * connection at once, and optionally at most R starts of an integration per second, per node.
 * A worker that cannot start is told when to try again instead of waiting, so it frees its slot.
 */
final class ConcurrencyLimits {

    private final int perConnection;
    private final double perIntegrationRate;
    private final Clock clock;
    private final Map<String, Semaphore> connections = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextStartByIntegration = new ConcurrentHashMap<>();

    ConcurrencyLimits(int perConnection, double perIntegrationRate, Clock clock) {
        this.perConnection = perConnection;
        this.perIntegrationRate = perIntegrationRate;
        this.clock = clock;
    }

    /** A permit to run, or empty with nothing taken when a limit is reached. */
    Optional<Permit> tryAcquire(String environment, String integration, String connectionId) {
        var key = environment + "/" + integration + "/" + connectionId;
        var semaphore = connections.computeIfAbsent(key, k -> new Semaphore(perConnection));
        if (!semaphore.tryAcquire()) {
            return Optional.empty();
        }
        if (!takeRateSlot(environment + "/" + integration)) {
            semaphore.release();
            return Optional.empty();
        }
        return Optional.of(semaphore::release);
    }

    /** Evenly spaced starts: each start books the next slot, one interval later. */
    private boolean takeRateSlot(String integration) {
        if (perIntegrationRate <= 0) {
            return true;
        }
        var interval = Duration.ofNanos((long) (1_000_000_000L / perIntegrationRate));
        var now = clock.instant();
        var granted = new boolean[1];
        nextStartByIntegration.compute(integration, (key, next) -> {
            if (next == null || !next.isAfter(now)) {
                granted[0] = true;
                return now.plus(interval);
            }
            return next;
        });
        return granted[0];
    }

    /** Returned when the execution ends. */
    @FunctionalInterface
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
