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
import io.actionport.server.runner.PreparedExecution;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Async executions on the durable queue (db-scheduler): accepted executions are stored, then run
 * by whichever node picks them, through the same runner steps as synchronous calls, with retries
 * for idempotent actions only, and taken over by another node when theirs dies.
 */
public final class AsyncExecutions {

    /** The db-scheduler task that runs one execution; the instance id is the execution id. */
    public static final String TASK = "execute-action";

    private static final Logger log = LoggerFactory.getLogger(AsyncExecutions.class);
    /** How long a worker waits in memory for its connection's slot before giving its own slot back. */
    private static final Duration LIMIT_WAIT = Duration.ofSeconds(1);

    private static final Duration LIMITED_RETRY = Duration.ofMillis(200);

    private final ActionRunner runner;
    private final ExecutionStore executions;
    private final Clock clock;
    private final ConcurrencyLimits limits;
    private final Backoff backoff = new Backoff(RandomGenerator.getDefault());
    private final Metrics metrics;
    private final Map<String, Cancellation> runningHere = new ConcurrentHashMap<>();
    private final Map<String, ProgressListener> progressListeners = new ConcurrentHashMap<>();
    private final CustomTask<String> task;
    private volatile Scheduler scheduler;

    public AsyncExecutions(
            ActionRunner runner, ExecutionStore executions, AsyncConfig config, Metrics metrics, Clock clock) {
        this.runner = runner;
        this.executions = executions;
        this.clock = clock;
        this.metrics = metrics;
        this.limits = new ConcurrencyLimits(config.perConnectionLimit(), config.perIntegrationRate(), clock);
        this.task = Tasks.custom(TASK, String.class)
                .onDeadExecution(this::deadExecution)
                .execute((instance, context) -> execute(instance));
    }

    /** The task to register with the scheduler. */
    public CustomTask<String> task() {
        return task;
    }

    /** Called once the scheduler is built, before it starts. */
    public void attach(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Accepts an execution: checks it like a synchronous call, stores it queued, and schedules it to
     * start at once. Throws what {@link ActionRunner#prepare} throws, and when retries are asked
     * for a non-idempotent action.
     *
     * @param maxRetries retries asked by the caller, or null for the action's own policy
     */
    public ExecutionRecord enqueue(ExecutionRequest request, String executionId, Integer maxRetries) {
        var prepared = runner.prepare(request);
        var record = runner.record(
                executionId, prepared, request.caller(), ExecutionStatus.QUEUED, 0, maxAttempts(prepared, maxRetries));
        executions.insert(record);
        if (request.progress() != ProgressListener.NONE) {
            progressListeners.put(executionId, request.progress());
        }
        scheduler.schedule(task.instance(executionId, executionId), clock.instant());
        // The caller is about to be told the execution will run: it must survive a crash from here on.
        executions.makeDurable();
        return record;
    }

    /** Stops forwarding progress of an execution whose caller has stopped waiting. */
    public void detachProgress(String executionId) {
        progressListeners.remove(executionId);
    }

    /** Cancels a queued or running execution of the environment; false when it was not cancellable. */
    public boolean cancel(String environment, String executionId) {
        if (!executions.cancel(environment, executionId, clock.instant())) {
            return false;
        }
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
        var id = instance.getData();
        var record = executions.find(id).orElse(null);
        if (record == null || record.status().isFinished()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        var permit = limits.acquire(record.environment(), record.integration(), record.connectionId(), LIMIT_WAIT);
        if (permit.isEmpty()) {
            return rescheduleIn(LIMITED_RETRY);
        }
        try (var held = permit.get()) {
            return run(record);
        }
    }

    private CompletionHandler<String> run(ExecutionRecord record) {
        var id = record.id();
        PreparedExecution prepared;
        try {
            prepared = runner.prepare(requestOf(record));
        } catch (ActionportException e) {
            runner.fail(record, e.code(), "could not start: " + e.getMessage());
            return new CompletionHandler.OnCompleteRemove<>();
        }
        int attemptNumber = record.attempts() + 1;
        if (!executions.markRunning(id, attemptNumber, clock.instant())) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        var startedAt = clock.instant();
        if (attemptNumber == 1) {
            metrics.started(record.integration() + "/" + record.actionName(), record.createdAt(), startedAt);
        }
        var cancellation = new Cancellation();
        runningHere.put(id, cancellation);
        Attempt attempt;
        try {
            attempt = runner.attempt(
                    id, prepared, progressListeners.getOrDefault(id, ProgressListener.NONE), cancellation);
        } finally {
            runningHere.remove(id);
            metrics.ran(record.integration() + "/" + record.actionName(), Duration.between(startedAt, clock.instant()));
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
            metrics.retried(record.integration() + "/" + record.actionName());
            return rescheduleIn(wait);
        }
        progressListeners.remove(id);
        runner.finish(record.environment(), id, attempt, true);
        return new CompletionHandler.OnCompleteRemove<>();
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
     * A node died while running the execution. An idempotent action is run again (as a retry); a
     * non-idempotent one may have done its side effect already, so it fails with a clear error.
     */
    private void deadExecution(ExecutionComplete complete, ExecutionOperations<String> operations) {
        var id = complete.getExecution().getId();
        var record = executions.find(id).orElse(null);
        if (record == null || record.status().isFinished()) {
            operations.remove();
            return;
        }
        var idempotent = runner.isIdempotent(record.environment(), record.integration(), record.actionName());
        if (idempotent && record.attempts() < record.maxAttempts()) {
            log.warn("execution {} was interrupted by a dead node; running it again", id);
            operations.reschedule(complete, clock.instant());
            return;
        }
        log.warn("execution {} was interrupted by a dead node and is not retried", id);
        runner.fail(
                record,
                "interrupted",
                idempotent
                        ? "the execution was interrupted (its node stopped) and has no retries left"
                        : "the execution was interrupted (its node stopped) and was not retried because the action is not "
                                + "idempotent: it may or may not have taken effect; check the provider before triggering it again");
        operations.remove();
    }

    private static ExecutionRequest requestOf(ExecutionRecord record) {
        return ExecutionRequest.of(
                record.environment(),
                record.integration(),
                record.actionName(),
                record.connectionId(),
                Json.MAPPER.readTree(record.input()),
                Caller.valueOf(record.caller().toUpperCase(java.util.Locale.ROOT)));
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
