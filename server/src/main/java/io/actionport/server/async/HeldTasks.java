package io.actionport.server.async;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.HeldTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executions this node accepted and runs itself at once, without the round trip through the
 * queue's poll (a query, a pick, a read of the record): each one's task is written to the queue
 * already picked by this node, in the transaction that stores the execution. While this node runs
 * them it proves every heartbeat interval that it is alive, exactly as the queue does for the
 * executions it hands out; if the node dies, the queue's dead-execution check on any live node (or
 * on this one after its restart) takes them over, and {@link AsyncExecutions} decides what becomes
 * of them as for any execution of a dead node. At most {@code capacity} are held at once; beyond
 * that, accepted executions wait on the queue.
 */
final class HeldTasks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeldTasks.class);

    private final ExecutionStore executions;
    private final HeldTask task;
    private final Clock clock;
    private final Semaphore capacity;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats;

    HeldTasks(ExecutionStore executions, HeldTask task, int capacity, Duration heartbeat, Clock clock) {
        this.executions = executions;
        this.task = task;
        this.clock = clock;
        this.capacity = new Semaphore(capacity);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("held-executions-heartbeat").factory());
        heartbeats.scheduleWithFixedDelay(
                this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The task as the store knows it, to release along with an execution's end. */
    HeldTask task() {
        return task;
    }

    /** Takes a place for one more execution run here; false when all are taken. */
    boolean tryTake() {
        return capacity.tryAcquire();
    }

    /** Gives back a place taken but not used. */
    void giveBack() {
        capacity.release();
    }

    /** Stores a new execution, its task held by this node; throws, holding nothing, when the store fails. */
    void hold(ExecutionRecord record) {
        executions.insertHeld(record, task, Serializer.DEFAULT_JAVA_SERIALIZER.serialize(record.id()), clock.instant());
        held.add(record.id());
    }

    /** The execution's task was released with its end: stop proving it runs here. */
    void released(String id) {
        forget(id);
    }

    /** Removes the execution's task from the queue: it needs no more runs. */
    void release(String id) {
        try {
            executions.release(id, task);
        } finally {
            forget(id);
        }
    }

    /** Gives the execution's task to the queue, to run at {@code runAt} on whichever node picks it. */
    void handToQueue(String id, Instant runAt) {
        try {
            executions.handToQueue(id, task, runAt);
        } finally {
            forget(id);
        }
    }

    /**
     * Stops proving the execution runs here, leaving its task held: when something unexpected ended
     * its run, the queue's dead-execution check takes it over after the missed heartbeats.
     */
    void abandon(String id) {
        forget(id);
    }

    private void forget(String id) {
        if (held.remove(id)) {
            capacity.release();
        }
    }

    private void heartbeat() {
        try {
            executions.heartbeat(List.copyOf(held), task, clock.instant());
        } catch (RuntimeException e) {
            // The next beat tries again; missing a few is what the queue's limit allows for.
            log.warn("could not prove that this node still runs {} executions: {}", held.size(), e.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }
}
