package io.actionport.server.async;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes the queue's poller when work is scheduled to run now, as db-scheduler's immediate
 * execution does, but once for every burst: while a wake-up is on its way, more work scheduled
 * meanwhile rides on it, so hundreds of acceptances a second do not all contend for the poller's
 * lock. Work scheduled after the wake-up has looked sends another.
 */
final class StartsDueWork extends AbstractSchedulerListener {

    private final Scheduler scheduler;
    private final Clock clock;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    StartsDueWork(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
        if (executionTime.isAfter(clock.instant()) || !wakeUpPending.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("queue-wake-up").start(() -> {
            // Cleared before waking: work scheduled from here on is either seen by this check or wakes again.
            wakeUpPending.set(false);
            var state = scheduler.getSchedulerState();
            if (state.isStarted() && !state.isShuttingDown()) {
                scheduler.triggerCheckForDueExecutions();
            }
        });
    }
}
