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
 * A worker that cannot start waits briefly in memory, then is told to try again later, so it frees
 * its slot for other connections without a database write per attempt.
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

    /**
     * A permit to run, waiting up to {@code wait} for the connection's slot (in memory, on the
     * worker's virtual thread); empty, with nothing taken, when a limit is still reached.
     */
    Optional<Permit> acquire(String environment, String integration, String connectionId, Duration wait) {
        var key = environment + "/" + integration + "/" + connectionId;
        var semaphore = connections.computeIfAbsent(key, k -> new Semaphore(perConnection));
        try {
            if (!semaphore.tryAcquire(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (!takeRateSlot(environment + "/" + integration)) {
            semaphore.release();
            return Optional.empty();
        }
        return Optional.of(new Permit(semaphore));
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

    /** Given back once the action has run; giving it back again does nothing. */
    static final class Permit implements AutoCloseable {
        private final Semaphore semaphore;
        private final java.util.concurrent.atomic.AtomicBoolean released =
                new java.util.concurrent.atomic.AtomicBoolean();

        private Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        }
    }
}
