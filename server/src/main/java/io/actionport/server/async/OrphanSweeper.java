package io.actionport.server.async;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for executions the queue lost, at start and then periodically, on every node: stored as
 * queued or running but without a task on the queue (the process died between storing and
 * scheduling). Only executions older than {@link #MIN_AGE} are taken, so one being accepted right
 * now is never mistaken for an orphan. Executions held by a dead node are db-scheduler's to find
 * (by their missed heartbeats), and {@link AsyncExecutions} decides what becomes of them.
 */
public final class OrphanSweeper implements AutoCloseable {

    static final Duration MIN_AGE = Duration.ofSeconds(10);
    static final Duration PERIOD = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final AsyncExecutions executions;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("orphan-sweeper").factory());

    private OrphanSweeper(AsyncExecutions executions, Clock clock) {
        this.executions = executions;
        this.clock = clock;
    }

    /** Sweeps now, then every {@link #PERIOD}. */
    public static OrphanSweeper start(AsyncExecutions executions, Clock clock) {
        var sweeper = new OrphanSweeper(executions, clock);
        sweeper.timer.scheduleWithFixedDelay(sweeper::sweep, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return sweeper;
    }

    /** One sweep; returns how many orphans it found. */
    int sweep() {
        try {
            int found = executions.sweepOrphans(clock.instant().minus(MIN_AGE));
            if (found > 0) {
                log.warn("found {} executions without a task on the queue", found);
            }
            return found;
        } catch (RuntimeException e) {
            // The next sweep tries again; a failed sweep must not end the timer.
            log.warn("orphan sweep failed: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
