package io.actionport.server.async;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.actionport.server.ActionportException;
import io.actionport.server.metrics.Metrics;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.Attempt;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.Cancellation;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.runner.FirstQuestions;
import io.actionport.server.runner.PreparedExecution;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.HeldTask;
import io.actionport.server.store.Json;
import io.actionport.server.store.TaskRequestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Async executions on the durable queue (db-scheduler): accepted executions are stored, then run
 * by whichever node picks them, through the same runner steps as synchronous calls, with retries
 * for idempotent actions only, and taken over by another node when theirs dies.
 */
public final class AsyncExecutions implements AutoCloseable {

    /** The db-scheduler task that runs one execution; the instance id is the execution id. */
    public static final String TASK = "execute-action";

    private static final Logger log = LoggerFactory.getLogger(AsyncExecutions.class);
    /** How long a worker waits in memory for its connection's slot before giving its own slot back. */
    private static final Duration LIMIT_WAIT = Duration.ofSeconds(1);

    private static final Duration LIMITED_RETRY = Duration.ofMillis(200);

    /** The write an attempt's start depends on, when it was done before the attempt began. */
    private static final CompletableFuture<Boolean> WRITTEN = CompletableFuture.completedFuture(true);

    private final ActionRunner runner;
    private final ExecutionStore executions;
    private final TaskRequestStore taskRequests;
    private final Clock clock;
    private final ConcurrencyLimits limits;
    private final Backoff backoff = new Backoff(RandomGenerator.getDefault());
    private final Metrics metrics;
    private final EndAnnouncements announcements;
    private final Map<String, Cancellation> runningHere = new ConcurrentHashMap<>();
    private final Map<String, ProgressListener> progressListeners = new ConcurrentHashMap<>();
    private final CustomTask<String> task;
    private final GracefulStop stop = new GracefulStop();
    private final AsyncConfig config;
    private volatile Scheduler scheduler;
    private volatile String nodeName;
    private volatile HeldTasks here;

    public AsyncExecutions(
            ActionRunner runner,
            ExecutionStore executions,
            TaskRequestStore taskRequests,
            AsyncConfig config,
            Metrics metrics,
            EndAnnouncements announcements,
            Clock clock) {
        this.runner = runner;
        this.announcements = announcements;
        this.taskRequests = taskRequests;
        this.executions = executions;
        this.clock = clock;
        this.metrics = metrics;
        this.config = config;
        this.limits = new ConcurrencyLimits(config.perConnectionLimit(), config.perIntegrationRate(), clock);
        this.task = Tasks.custom(TASK, String.class)
                .onDeadExecution(this::deadExecution)
                .execute((instance, context) -> execute(instance));
    }

    /** The task to register with the scheduler. */
    public CustomTask<String> task() {
        return task;
    }

    /** Called once the scheduler is built, before it starts; {@code nodeName} is written in each claim. */
    public void attach(Scheduler scheduler, String nodeName) {
        this.scheduler = scheduler;
        this.nodeName = nodeName;
        this.here = new HeldTasks(
                executions, new HeldTask(TASK, nodeName), config.workers(), config.heartbeatInterval(), clock);
    }

    /** Stops proving that this node runs the executions it holds; after {@link #drain}, none are left. */
    @Override
    public void close() {
        if (here != null) {
            here.close();
        }
    }

    /** Whether this node still accepts work; the doors ask it before starting anything. */
    public GracefulStop gate() {
        return stop;
    }

    /**
     * Stops this node's share of the queue gracefully: no new work is accepted or taken from the
     * queue; running executions get {@code grace} to finish; then idempotent ones are handed back
     * to the queue and the others end {@code interrupted}. Queued work stays queued.
     */
    public GracefulStop.Report drain(Duration grace) {
        stop.stopAccepting();
        scheduler.pause();
        if (!stop.awaitIdle(grace)) {
            stop.endGrace();
            runningHere.values().forEach(Cancellation::cancel);
            stop.awaitIdle(Duration.ofSeconds(10));
        }
        return stop.report();
    }

    /**
     * Accepts an execution: checks it like a synchronous call, stores it queued, and starts it at
     * once, on this node when it has room, else through the queue. Throws what {@link
     * ActionRunner#prepare} throws, and when retries are asked for a non-idempotent action.
     *
     * @param maxRetries retries asked by the caller, or null for the action's own policy
     */
    public ExecutionRecord enqueue(ExecutionRequest request, String executionId, Integer maxRetries) {
        stop.checkAccepting();
        return enqueue(request, runner.prepare(request), executionId, maxRetries, null);
    }

    /**
     * Stores the execution and runs it here when this node has room (its task held by this node,
     * see {@link HeldTasks}), as soon as its connection has a free slot; otherwise schedules it on
     * the queue, for whichever node has room first.
     *
     * @param taskClient the capabilities of the client it runs as a task of, or null
     */
    private ExecutionRecord enqueue(
            ExecutionRequest request,
            PreparedExecution prepared,
            String executionId,
            Integer maxRetries,
            String taskClient) {
        var record = runner.record(
                executionId, prepared, request.caller(), ExecutionStatus.QUEUED, 0, maxAttempts(prepared, maxRetries));
        if (request.progress() != ProgressListener.NONE) {
            progressListeners.put(executionId, request.progress());
        }
        if (here.tryTake()) {
            // With its connection's slot free right now, it is stored already claimed: its start needs no write.
            var slot = limits.acquire(record.environment(), record.integration(), record.connectionId(), Duration.ZERO);
            var stored = slot.isPresent() ? record.claimed(record.createdAt()) : record;
            // A cancel that comes before a claimed execution starts must find it.
            var cancellation = new Cancellation();
            if (slot.isPresent()) {
                runningHere.put(executionId, cancellation);
            }
            var acceptance = new CompletableFuture<Boolean>();
            Runnable start = () -> Thread.ofVirtual()
                    .name("execution-" + executionId)
                    .start(() -> runHeld(stored, prepared, taskClient, slot, cancellation, acceptance));
            // A claimed idempotent action need not wait for its acceptance to be stored, let alone flushed: an
            // acceptance that fails was never acknowledged, and running it again is harmless. It runs while its
            // record is written, and gives its slot back sooner; its end is written after its acceptance. A
            // write starts once its claim is on disk.
            boolean startsNow =
                    slot.isPresent() && prepared.action().descriptor().hints().idempotent();
            stop.enter();
            if (startsNow) {
                start.run();
            }
            try {
                here.hold(stored);
                acceptance.complete(true);
            } catch (RuntimeException e) {
                acceptance.completeExceptionally(e);
                if (!startsNow) {
                    // Nothing runs it: give back what it took. One that runs does so when its action ends.
                    slot.ifPresent(ConcurrencyLimits.Permit::close);
                    runningHere.remove(executionId, cancellation);
                    here.giveBack();
                    progressListeners.remove(executionId);
                    stop.exit();
                }
                throw e;
            }
            try {
                // The caller is about to be told the execution will run: it must survive a crash from here on.
                executions.makeHeldDurable();
            } finally {
                // Whether or not the caller hears of it, it is stored and held here: it runs.
                if (!startsNow) {
                    start.run();
                }
            }
            return stored;
        }
        executions.insert(record);
        scheduler.schedule(task.instance(executionId, executionId), clock.instant());
        executions.makeDurable();
        return record;
    }

    /**
     * Runs an execution this node accepted and holds, once its connection has a free slot. Its wait
     * for the slot, its claim, its durable end and its retries are those of an execution taken from
     * the queue; what would reschedule it gives its task to the queue. One stored already claimed
     * ({@code claimedWith} its connection's slot, taken at its acceptance) starts at once, maybe
     * before {@code acceptance} (the write that stores it) completes; nothing about it is written
     * before that, and nothing at all when that write failed (its caller was told so).
     */
    private void runHeld(
            ExecutionRecord record,
            PreparedExecution prepared,
            String taskClient,
            Optional<ConcurrencyLimits.Permit> claimedWith,
            Cancellation cancellation,
            CompletableFuture<Boolean> acceptance) {
        var id = record.id();
        try {
            Next next;
            if (claimedWith.isPresent()) {
                // Stored claimed by this node with its slot taken: it starts now, even when a stop has begun.
                next = run(
                        record,
                        record.attempts(),
                        prepared,
                        claimedWith.get(),
                        here.task(),
                        listenerOf(id, taskClient),
                        cancellation,
                        acceptance);
            } else {
                next = stop.stopping()
                        ? new Next.RunAgain(Duration.ZERO)
                        : runWithSlot(record, () -> prepared, here.task(), () -> listenerOf(id, taskClient));
            }
            switch (next) {
                case Next.Done done when done.taskReleased() -> here.released(id);
                case Next.Done done -> here.release(id);
                case Next.RunAgain again -> here.handToQueue(id, clock.instant().plus(again.in()));
            }
        } catch (RuntimeException | Error e) {
            runningHere.remove(id, cancellation);
            claimedWith.ifPresent(ConcurrencyLimits.Permit::close);
            progressListeners.remove(id);
            if (acceptance.isCompletedExceptionally()) {
                // Never stored, so never acknowledged: nothing is left to run or to write.
                here.giveBack();
                return;
            }
            // The queue takes it over once the missed heartbeats show nobody runs it, and decides as for a dead node.
            log.warn("execution {} stopped unexpectedly; the queue takes it over", id, e);
            here.abandon(id);
        } finally {
            stop.exit();
        }
    }

    /**
     * Waits for the connection's slot, then runs one attempt. An execution that can no longer be
     * prepared (its action undeployed, its connection deleted) ends failed without running.
     *
     * @param held the execution's task when this node holds it, or null
     */
    private Next runWithSlot(
            ExecutionRecord record,
            Supplier<PreparedExecution> prepare,
            HeldTask held,
            Supplier<ProgressListener> listener) {
        // Waiting for the connection's slot is not starting: nothing is claimed, and the action's timeout has not
        // begun.
        var permit = limits.acquire(record.environment(), record.integration(), record.connectionId(), LIMIT_WAIT);
        if (permit.isEmpty()) {
            return new Next.RunAgain(stop.stopping() ? Duration.ZERO : LIMITED_RETRY);
        }
        try (var slot = permit.get()) {
            if (stop.stopping()) {
                return new Next.RunAgain(Duration.ZERO);
            }
            PreparedExecution prepared;
            try {
                prepared = prepare.get();
            } catch (ActionportException e) {
                runner.fail(record, e.code(), "could not start: " + e.getMessage());
                return new Next.Done(false);
            }
            int attemptNumber = record.attempts() + 1;
            var cancellation = new Cancellation();
            if (prepared.action().descriptor().hints().idempotent()) {
                // An idempotent action runs while its claim is written (a lost claim only means it runs again), so
                // its slot is not held for the write's round trip. A claim refused (cancelled meanwhile) stops it.
                runningHere.put(record.id(), cancellation);
                var claim = inBackground(
                        () -> executions.claim(record.id(), attemptNumber, nodeName, clock.instant(), false));
                claim.thenAccept(claimed -> {
                    if (!claimed) {
                        cancellation.cancel();
                    }
                });
                return run(record, attemptNumber, prepared, slot, held, listener.get(), cancellation, claim);
            }
            // A write's claim is on disk before the action runs: after a crash this attempt is known to have started.
            if (!executions.claim(record.id(), attemptNumber, nodeName, clock.instant(), true)) {
                return new Next.Done(false);
            }
            runningHere.put(record.id(), cancellation);
            return run(record, attemptNumber, prepared, slot, held, listener.get(), cancellation, WRITTEN);
        }
    }

    /** Stops forwarding progress of an execution whose caller has stopped waiting. */
    public void detachProgress(String executionId) {
        progressListeners.remove(executionId);
    }

    /** Cancels a queued or running execution of the environment; false when it was not cancellable. */
    public boolean cancel(String environment, String executionId) {
        var at = clock.instant();
        if (!executions.cancel(environment, executionId, at)) {
            return false;
        }
        // Announced by whoever cancels it, before its task leaves the queue (see EndAnnouncements):
        // a worker that was running it finds its end stored already and announces nothing.
        executions.find(executionId).ifPresent(record -> runner.announceCancelled(record, at));
        try {
            scheduler.cancel(TaskInstanceId.of(TASK, executionId));
        } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException e) {
            // Running (here or on another node): the worker finds the record cancelled and keeps it so.
        }
        var running = runningHere.get(executionId);
        if (running != null) {
            running.cancel();
        }
        return true;
    }

    static int maxAttempts(PreparedExecution prepared, Integer maxRetries) {
        var descriptor = prepared.action().descriptor();
        if (maxRetries == null) {
            return descriptor.hints().idempotent() ? descriptor.retryPolicy().maxAttempts() : 1;
        }
        if (maxRetries < 0 || maxRetries > 5) {
            throw new RetriesRefusedException("X-Max-Retries must be between 0 and 5, was " + maxRetries);
        }
        if (maxRetries > 0 && !descriptor.hints().idempotent()) {
            throw new RetriesRefusedException(descriptor.qualifiedName() + " is not idempotent, so it is never "
                    + "retried: a retried write would repeat its side effects. Send X-Max-Retries: 0 or leave it out");
        }
        return maxRetries + 1;
    }

    private CompletionHandler<String> execute(TaskInstance<String> instance) {
        stop.enter();
        try {
            return executeOnce(instance.getData());
        } finally {
            stop.exit();
        }
    }

    private CompletionHandler<String> executeOnce(String id) {
        var record = executions.find(id).orElse(null);
        if (record == null || record.status().isFinished()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        if (stop.stopping()) {
            return rescheduleIn(Duration.ZERO);
        }
        if (record.status() == ExecutionStatus.RUNNING && !isIdempotent(record)) {
            // An attempt was claimed and never recorded its end: it may have taken effect.
            interrupt(
                    record,
                    "its attempt started but its end was never recorded (its node stopped or the store failed)");
            return new CompletionHandler.OnCompleteRemove<>();
        }
        var next = runWithSlot(record, () -> runner.prepare(requestOf(record)), null, () -> listenerOf(id));
        return switch (next) {
            case Next.Done done -> new CompletionHandler.OnCompleteRemove<>();
            case Next.RunAgain again -> rescheduleIn(again.in());
        };
    }

    /** What becomes of an execution's task once a worker is done with it for now. */
    private sealed interface Next {
        /** No more runs; {@code taskReleased} when its task went with the execution's end. */
        record Done(boolean taskReleased) implements Next {}

        /** Run it again after {@code in}. */
        record RunAgain(Duration in) implements Next {}
    }

    /**
     * Runs one claimed attempt, {@code attemptNumber}; {@code slot} is given back as soon as the
     * action has run, before its end is stored. {@code held} is the execution's task when this node
     * holds it (released with the execution's end), or null. {@code cancellation} is the attempt's,
     * already in {@code runningHere}; once cancelled the action does not start. {@code started} is
     * the write its start depends on (its acceptance, or an idempotent action's claim), which may
     * still be under way while the action runs: nothing more is written before it completes, nothing
     * at all when it was refused (the execution was cancelled meanwhile), and its failure is thrown.
     */
    private Next run(
            ExecutionRecord record,
            int attemptNumber,
            PreparedExecution prepared,
            ConcurrencyLimits.Permit slot,
            HeldTask held,
            ProgressListener listener,
            Cancellation cancellation,
            CompletableFuture<Boolean> started) {
        var id = record.id();
        if (cancellation.isCancelled()) {
            // Cancelled between its claim and its start: the record says so, and the action never ran.
            slot.close();
            runningHere.remove(id);
            progressListeners.remove(id);
            // What comes next (its task's release) follows the write it depends on.
            started.join();
            return new Next.Done(false);
        }
        var startedAt = clock.instant();
        if (attemptNumber == 1) {
            metrics.started(record.qualifiedAction(), record.createdAt(), startedAt);
        }
        Attempt attempt;
        try {
            attempt = runner.attempt(id, prepared, listener, cancellation);
        } finally {
            slot.close();
            runningHere.remove(id);
            metrics.ran(record.qualifiedAction(), Duration.between(startedAt, clock.instant()));
        }
        if (!started.join()) {
            // Cancelled before its claim: the record says so, and keeps no more of this attempt.
            progressListeners.remove(id);
            return new Next.Done(false);
        }
        if (stop.graceOver() && cancelled(attempt)) {
            return stoppedByShutdown(record, prepared);
        }
        if (attempt.outcome() instanceof ExecutionOutcome.Failed failed
                && retryable(failed, prepared)
                && attemptNumber < record.maxAttempts()) {
            var wait =
                    backoff.after(attemptNumber, prepared.action().descriptor().retryPolicy());
            if (attempt.retryAfter() != null && attempt.retryAfter().compareTo(wait) > 0) {
                wait = attempt.retryAfter();
            }
            executions.requeue(
                    id,
                    failed.error().code(),
                    failed.error().message() + " (attempt " + attemptNumber + " of " + record.maxAttempts()
                            + ", retrying in " + wait.toMillis() + " ms)",
                    attempt.logs());
            metrics.retried(record.qualifiedAction());
            return new Next.RunAgain(wait);
        }
        progressListeners.remove(id);
        // An end that is announced keeps its task until the announcement is queued (EndAnnouncements).
        var releasedWithEnd = held != null && !announcements.announces(record.environment()) ? held : null;
        runner.finish(record.environment(), id, record.createdAt(), attempt, true, releasedWithEnd);
        if (stop.stopping()) {
            stop.finishedWhileStopping();
        }
        return new Next.Done(releasedWithEnd != null);
    }

    /** Runs a write on a virtual thread of its own, for a caller that has something else to do meanwhile. */
    private static CompletableFuture<Boolean> inBackground(Supplier<Boolean> write) {
        var written = new CompletableFuture<Boolean>();
        Thread.ofVirtual().name("claim").start(() -> {
            try {
                written.complete(write.get());
            } catch (Throwable e) {
                written.completeExceptionally(e);
            }
        });
        return written;
    }

    /** Where the progress, log lines and requests to its client of an execution taken from the queue go. */
    private ProgressListener listenerOf(String id) {
        return listenerOf(id, taskRequests.clientOf(id).orElse(null));
    }

    /** Where an execution's progress, log lines and requests to its client go; {@code taskClient} may be null. */
    private ProgressListener listenerOf(String id, String taskClient) {
        var listener = progressListeners.getOrDefault(id, ProgressListener.NONE);
        return taskClient == null ? listener : new TaskClientRequests(listener, id, taskRequests, taskClient);
    }

    /**
     * Accepts an execution that runs as a task of a client declaring {@code capabilities}: its
     * action may ask that client through {@code tasks/get} and {@code tasks/update}.
     */
    public ExecutionRecord enqueueTask(
            ExecutionRequest request, String executionId, String capabilities, ProgressListener client) {
        stop.checkAccepting();
        var prepared = runner.prepare(request);
        // What the action asks before running is answered now, while the client waits for its task.
        var answeredFirst = FirstQuestions.ask(prepared, client);
        // Before the schedule exists, so the worker never runs it without knowing its client.
        taskRequests.runsAsTask(executionId, capabilities);
        for (var answered : answeredFirst) {
            var asked = answered.request();
            taskRequests.ask(
                    executionId, asked.key(), asked.method(), asked.params().toString());
            taskRequests.answer(executionId, asked.key(), answered.answer().toString());
        }
        return enqueue(request, prepared, executionId, null, capabilities);
    }

    private static boolean cancelled(Attempt attempt) {
        return attempt.outcome() instanceof ExecutionOutcome.Failed failed
                && failed.error().kind() == io.actionport.server.runner.ErrorKind.CANCELLED;
    }

    /** The grace period ran out while the execution ran: idempotent work goes back to the queue, the rest is interrupted. */
    private Next stoppedByShutdown(ExecutionRecord record, PreparedExecution prepared) {
        progressListeners.remove(record.id());
        if (prepared.action().descriptor().hints().idempotent()) {
            if (executions.handBack(record.id(), "handed back to the queue: its node stopped while it ran")) {
                stop.handedBack();
                log.info("execution {} handed back to the queue at shutdown", record.id());
            }
            return new Next.RunAgain(Duration.ZERO);
        }
        interrupt(record, "its node stopped while it ran and the shutdown grace period ran out");
        stop.interrupted();
        return new Next.Done(false);
    }

    private boolean isIdempotent(ExecutionRecord record) {
        return runner.isIdempotent(record.environment(), record.integration(), record.actionName());
    }

    /** Ends an execution whose attempt may or may not have taken effect; it is never run again by the server. */
    void interrupt(ExecutionRecord record, String why) {
        // The runner logs the failure (one WARN line per failed execution); why is in the record.
        log.debug("execution {} interrupted: {}", record.id(), why);
        runner.fail(
                record,
                "interrupted",
                "the execution was interrupted: " + why + ". It was not retried because the action is not idempotent: "
                        + "it may or may not have taken effect; check the provider before triggering it again");
    }

    /** Transient failures are retried: the provider's 5xx, 408 and 429, no answer, a timeout. */
    private static boolean retryable(ExecutionOutcome.Failed failed, PreparedExecution prepared) {
        if (!prepared.action().descriptor().hints().idempotent()) {
            return false;
        }
        var error = failed.error();
        return switch (error.kind()) {
            case TIMEOUT -> true;
            case PROVIDER ->
                error.providerStatus() == null
                        || error.providerStatus() >= 500
                        || error.providerStatus() == 429
                        || error.providerStatus() == 408;
            default -> false;
        };
    }

    /**
     * A node died while holding the execution. One that had not started (still queued: it waited
     * for a slot) simply runs; an idempotent action is run again (as a retry); a non-idempotent one
     * may have done its side effect already, so it ends {@code interrupted}.
     */
    private void deadExecution(ExecutionComplete complete, ExecutionOperations<String> operations) {
        var id = complete.getExecution().getId();
        var record = executions.find(id).orElse(null);
        if (record == null || record.status().isFinished()) {
            if (record != null) {
                // Its node stopped after storing the end, maybe before queueing its announcement.
                announcements.announceAgain(record);
            }
            operations.remove();
            return;
        }
        if (record.status() == ExecutionStatus.QUEUED) {
            log.info("execution {} was held by a dead node before it started; running it", id);
            operations.reschedule(complete, clock.instant());
            return;
        }
        var idempotent = isIdempotent(record);
        if (idempotent && record.attempts() < record.maxAttempts()) {
            log.warn("execution {} was interrupted by a dead node; running it again", id);
            operations.reschedule(complete, clock.instant());
            return;
        }
        if (idempotent) {
            log.debug("execution {} was interrupted by a dead node and has no retries left", id);
            runner.fail(
                    record, "interrupted", "the execution was interrupted (its node stopped) and has no retries left");
        } else {
            interrupt(record, "its node stopped while it ran");
        }
        operations.remove();
    }

    /**
     * Finds executions the queue lost (stored, but never scheduled because the process died in
     * between, or running without a task) and schedules them again, or, when a non-idempotent one
     * had started, ends it {@code interrupted}. Returns how many were found.
     */
    public int sweepOrphans(java.time.Instant acceptedBefore) {
        int found = 0;
        for (var record : executions.unscheduled(TASK, acceptedBefore, 500)) {
            found++;
            if (record.status() == ExecutionStatus.RUNNING && !isIdempotent(record)) {
                interrupt(record, "its attempt started but its node stopped before it was recorded on the queue");
                continue;
            }
            log.warn(
                    "execution {} was {} without a task on the queue; scheduling it",
                    record.id(),
                    record.status().wireName());
            scheduler.scheduleIfNotExists(task.instance(record.id(), record.id()), clock.instant());
        }
        return found;
    }

    private static ExecutionRequest requestOf(ExecutionRecord record) {
        return new ExecutionRequest(
                record.environment(),
                record.integration(),
                record.actionName(),
                record.connectionId(),
                Json.MAPPER.readTree(record.input()),
                Caller.valueOf(record.caller().toUpperCase(java.util.Locale.ROOT)),
                null,
                null,
                record.endUser());
    }

    private CompletionHandler<String> rescheduleIn(Duration wait) {
        return (complete, operations) ->
                operations.reschedule(complete, clock.instant().plus(wait));
    }

    /** Retries were asked for where they are not allowed. */
    public static final class RetriesRefusedException extends ActionportException {
        public RetriesRefusedException(String message) {
            super("retries_not_allowed", message);
        }
    }
}
