package io.actionport.server.async;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.actionport.server.store.Database;
import io.actionport.server.store.IdempotencyKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The db-scheduler instance of this node: runs queued executions, webhook deliveries and the
 * idempotency-key purge, on virtual threads, sharing work with every node on the same database.
 */
public final class DurableQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DurableQueue.class);

    private final Scheduler scheduler;

    private DurableQueue(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Builds and starts the scheduler with the given one-time tasks plus the key purge. */
    public static DurableQueue start(
            Database database,
            AsyncConfig config,
            String nodeName,
            IdempotencyKeyStore keys,
            Clock clock,
            List<Task<?>> tasks) {
        RecurringTask<Void> purge = Tasks.recurring("purge-idempotency-keys", FixedDelay.of(Duration.ofMinutes(10)))
                .execute((instance, context) -> {
                    int purged = keys.purgeOlderThan(clock.instant().minus(config.idempotencyWindow()));
                    if (purged > 0) {
                        log.info("forgot {} idempotency keys older than {}", purged, config.idempotencyWindow());
                    }
                });
        var all = new ArrayList<Task<?>>(tasks);
        var builder = Scheduler.create(database.queueDataSource(), all)
                .startTasks(purge)
                .schedulerName(new SchedulerName.Fixed(nodeName))
                .threads(config.workers())
                .executorService(Executors.newVirtualThreadPerTaskExecutor())
                .pollingInterval(config.pollInterval())
                .heartbeatInterval(config.heartbeatInterval())
                .missedHeartbeatsLimit(config.missedHeartbeats())
                .shutdownMaxWait(Duration.ofSeconds(5))
                .failureLogging(com.github.kagkarlsson.scheduler.logging.LogLevel.WARN, true);
        if (database.isPostgres()) {
            // SELECT ... FOR UPDATE SKIP LOCKED: nodes never fetch the same execution.
            builder.pollUsingLockAndFetch(0.5, 1.0);
        } else {
            // What autodetection picks for H2 too, named here so it does not warn on every start.
            builder.jdbcCustomization(new com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization(false));
        }
        var scheduler = builder.build();
        scheduler.registerSchedulerListener(new StartsDueWork(scheduler, clock));
        return new DurableQueue(scheduler);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public void startWorkers() {
        scheduler.start();
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
