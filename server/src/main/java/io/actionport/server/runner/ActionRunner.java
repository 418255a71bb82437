package io.actionport.server.runner;

import io.actionport.sdk.ActionException;
import io.actionport.sdk.ProviderException;
import io.actionport.server.ActionportException;
import io.actionport.server.InternalErrors;
import io.actionport.server.connection.ConnectionResolver;
import io.actionport.server.connection.ProviderHttpClient;
import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.DeployedAction;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.HeldTask;
import io.actionport.server.store.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one path every call takes: resolve the action, validate the input, resolve the connection,
 * run under the timeout, cap and validate the output, record the execution.
 *
 * <p>The action runs on the runner's own thread, a virtual thread for every door ({@link ActionCall}).
 *
 * <p>Failures before anything runs (unknown action, invalid input, unknown connection) are thrown
 * as {@link ActionportException}s by {@link #prepare} and leave no record; failures of the run
 * itself end the execution {@code failed} and come back as {@link ExecutionOutcome.Failed}. The
 * synchronous doors use {@link #run}; the queue uses the same steps one by one.
 */
public final class ActionRunner implements AutoCloseable {

    /** Nango's cap on an action's serialized output; here it covers the output plus its content blocks. */
    public static final int OUTPUT_CAP_BYTES = 2 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final ActionRegistry registry;
    private final ConnectionResolver connections;
    private final ExecutionStore executions;
    private final EgressHttpClient providerHttp;
    private final Clock clock;
    private final Supplier<String> ids;
    private final ExecutionEvents events;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ActionDeadlines deadlines = new ActionDeadlines();

    public ActionRunner(
            ActionRegistry registry,
            ConnectionResolver connections,
            ExecutionStore executions,
            EgressHttpClient providerHttp,
            Clock clock,
            Supplier<String> ids,
            ExecutionEvents events) {
        this.registry = registry;
        this.connections = connections;
        this.executions = executions;
        this.providerHttp = providerHttp;
        this.clock = clock;
        this.ids = ids;
        this.events = events;
    }

    /** A new execution id. */
    public String newId() {
        return ids.get();
    }

    /**
     * Runs a call on a virtual thread. Cancelling the returned future interrupts the action and
     * records the execution as cancelled.
     */
    public CompletableFuture<ExecutionOutcome> submit(ExecutionRequest request, String executionId) {
        var result = new CompletableFuture<ExecutionOutcome>();
        var cancellation = new Cancellation();
        threads.execute(() -> {
            try {
                result.complete(run(request, executionId, cancellation));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((outcome, error) -> {
            if (result.isCancelled()) {
                cancellation.cancel();
            }
        });
        return result;
    }

    public CompletableFuture<ExecutionOutcome> submit(ExecutionRequest request) {
        return submit(request, newId());
    }

    /** Runs a call on the calling thread, which must be allowed to block (never an event loop). */
    public ExecutionOutcome run(ExecutionRequest request) {
        return run(request, newId(), new Cancellation());
    }

    /** Runs a call under a chosen execution id (one an idempotency key claimed). */
    public ExecutionOutcome run(ExecutionRequest request, String executionId) {
        return run(request, executionId, new Cancellation());
    }

    private ExecutionOutcome run(ExecutionRequest request, String executionId, Cancellation cancellation) {
        var prepared = prepare(request);
        var started = record(executionId, prepared, request.caller(), ExecutionStatus.RUNNING, 1, 1);
        var attempt = attempt(executionId, prepared, request.progress(), cancellation);
        // A sync call's record is written once, finished: half the commits of insert-then-update, and
        // nothing is lost, since the caller is still connected to receive the result.
        var finished = finished(started, attempt);
        executions.insertFinished(finished, attempt.logs(), toldItsId(request, prepared, attempt.outcome()));
        FailureLog.failed(finished, false);
        events.publish(new ExecutionEvents.Finished(
                prepared.environment(),
                executionId,
                prepared.action().qualifiedName(),
                finished.status(),
                false,
                Duration.between(finished.createdAt(), finished.finishedAt())));
        return attempt.outcome();
    }

    /**
     * Whether a synchronous call's caller learns its execution's id, so that its record must be on
     * disk before the answer: every caller but an MCP client whose read succeeded, which gets the
     * output alone (a failure names the execution; HTTP and in-process callers get the id).
     */
    private static boolean toldItsId(ExecutionRequest request, PreparedExecution prepared, ExecutionOutcome outcome) {
        return request.caller() != Caller.MCP
                || !prepared.action().descriptor().hints().readOnly()
                || !(outcome instanceof ExecutionOutcome.Succeeded);
    }

    private ExecutionRecord finished(ExecutionRecord started, Attempt attempt) {
        var error = attempt.outcome() instanceof ExecutionOutcome.Failed failed ? failed.error() : null;
        var output = attempt.outcome() instanceof ExecutionOutcome.Succeeded ok ? ok.outputJson() : null;
        return new ExecutionRecord(
                started.id(),
                started.environment(),
                started.integration(),
                started.actionName(),
                started.actionVersion(),
                started.connectionId(),
                started.caller(),
                statusOf(attempt.outcome()),
                started.attempts(),
                started.maxAttempts(),
                started.input(),
                output,
                error == null ? null : error.code(),
                error == null ? null : error.message(),
                error == null ? null : details(error),
                started.createdAt(),
                started.startedAt(),
                clock.instant(),
                started.keyId(),
                started.argumentsSha256(),
                started.endUser());
    }

    private static ExecutionStatus statusOf(ExecutionOutcome outcome) {
        return switch (outcome) {
            case ExecutionOutcome.Succeeded ok -> ExecutionStatus.SUCCEEDED;
            case ExecutionOutcome.Failed failed ->
                failed.error().kind() == ErrorKind.CANCELLED ? ExecutionStatus.CANCELLED : ExecutionStatus.FAILED;
        };
    }

    /** Steps 1 to 3: the action, the input against its schema, the connection. Throws when one fails. */
    public PreparedExecution prepare(ExecutionRequest request) {
        var action = registry.find(request.environment(), request.integration(), request.actionName())
                .orElseThrow(() ->
                        new UnknownActionException(request.environment(), request.integration(), request.actionName()));
        var input =
                request.input() == null || request.input().isNull() ? Json.MAPPER.createObjectNode() : request.input();
        var violations = action.inputSchema().validate(input);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(action.qualifiedName(), violations);
        }
        var connection = connections.resolve(
                request.environment(), action.integration(), request.connectionId(), request.endUser());
        return new PreparedExecution(request.environment(), action, input, connection, request.keyId());
    }

    /** The record of a new execution of a prepared call. */
    public ExecutionRecord record(
            String executionId,
            PreparedExecution prepared,
            Caller caller,
            ExecutionStatus status,
            int attempts,
            int maxAttempts) {
        var now = clock.instant();
        var action = prepared.action();
        return new ExecutionRecord(
                executionId,
                prepared.environment(),
                action.integration(),
                action.name(),
                action.descriptor().version(),
                prepared.connection().connection().connectionId(),
                caller.wireName(),
                status,
                attempts,
                maxAttempts,
                prepared.input().toString(),
                null,
                null,
                null,
                null,
                now,
                status == ExecutionStatus.RUNNING ? now : null,
                null,
                prepared.keyId(),
                ArgumentsHash.of(prepared.input()),
                // The connection's owner: a queued run acts for them again, and may use that connection.
                prepared.connection().connection().endUser());
    }

    /**
     * Steps 4 to 6: one run of the action on this thread under its timeout, its output capped and
     * validated. Records nothing.
     */
    public Attempt attempt(
            String executionId, PreparedExecution prepared, ProgressListener progress, Cancellation cancellation) {
        var action = prepared.action();
        var descriptor = action.descriptor();
        var executionLog = new ExecutionLog(clock, prepared.connection().secrets(), progress);
        var provider = new ProviderHttpClient(
                providerHttp, prepared.connection(), call -> executionLog.debug("provider {}", call));
        var content = new ContentBlocks(OUTPUT_CAP_BYTES);
        var context = new RunningContext(
                executionId,
                prepared.connection().info(),
                provider,
                executionLog,
                progress::onProgress,
                content,
                new ClientRequests(progress));
        var call = ActionCall.run(
                () -> {
                    var input = Json.MAPPER.treeToValue(prepared.input(), descriptor.inputType());
                    Confirmations.confirm(descriptor, input, context);
                    return action.action().run(input, context);
                },
                descriptor.timeout(),
                cancellation,
                deadlines);
        Duration retryAfter = null;
        ExecutionOutcome outcome;
        switch (call) {
            case ActionCall.Returned returned -> {
                outcome = checkOutput(executionId, action, returned.output(), content);
                if (outcome instanceof ExecutionOutcome.Succeeded ok
                        && !ok.content().isEmpty()) {
                    progress.succeededWith(ok.content());
                }
            }
            case ActionCall.Threw threw -> {
                if (threw.error() instanceof ActionException actionError) {
                    retryAfter = actionError.retryAfter().orElse(null);
                }
                outcome = failed(executionId, action, errorOf(action, threw.error()));
            }
            case ActionCall.TimedOut timedOut ->
                outcome = failed(
                        executionId,
                        action,
                        ExecutionError.of(
                                ErrorKind.TIMEOUT,
                                "action_timeout",
                                descriptor.qualifiedName() + " did not finish within its timeout of "
                                        + descriptor.timeout().toMillis() + " ms and was stopped"));
            case ActionCall.Cancelled cancelled -> outcome = cancelled(executionId, action);
        }
        return new Attempt(outcome, executionLog.lines(), retryAfter);
    }

    /**
     * Step 7: stores how the execution ended and tells listeners; false when it was cancelled
     * meanwhile. {@code acceptedAt} is when the execution was accepted, for its latency.
     */
    public boolean finish(String environment, String executionId, Instant acceptedAt, Attempt attempt, boolean async) {
        return finish(environment, executionId, acceptedAt, attempt, async, null);
    }

    /**
     * {@link #finish(String, String, Instant, Attempt, boolean) Finishes} an execution whose task
     * this node held, releasing the task in the same write; {@code held} may be null.
     */
    public boolean finish(
            String environment, String executionId, Instant acceptedAt, Attempt attempt, boolean async, HeldTask held) {
        var now = clock.instant();
        var status = statusOf(attempt.outcome());
        boolean stored = switch (attempt.outcome()) {
            case ExecutionOutcome.Succeeded ok ->
                executions.finish(executionId, status, ok.outputJson(), null, null, null, now, attempt.logs(), held);
            case ExecutionOutcome.Failed failed ->
                executions.finish(
                        executionId,
                        status,
                        null,
                        failed.error().code(),
                        failed.error().message(),
                        details(failed.error()),
                        now,
                        attempt.logs(),
                        held);
        };
        // Not stored means a cancel got there first, and the record says so.
        if (stored && attempt.outcome() instanceof ExecutionOutcome.Failed failed && status == ExecutionStatus.FAILED) {
            FailureLog.failed(
                    environment,
                    executionId,
                    failed.action().qualifiedName(),
                    failed.error().code(),
                    async);
        }
        if (stored) {
            // Not stored means it was cancelled meanwhile, and whoever cancelled it announced that.
            events.publish(new ExecutionEvents.Finished(
                    environment,
                    executionId,
                    attempt.outcome().action().qualifiedName(),
                    status,
                    async,
                    Duration.between(acceptedAt, now)));
        }
        return stored;
    }

    /** Announces an async execution cancelled at {@code at}, whose record says so already. */
    public void announceCancelled(ExecutionRecord record, Instant at) {
        announceAsyncEnd(record, ExecutionStatus.CANCELLED, at);
    }

    /** Ends an execution that could not run at all, e.g. its action was undeployed while it waited. */
    public void fail(ExecutionRecord record, String code, String message) {
        var now = clock.instant();
        if (!executions.finish(record.id(), ExecutionStatus.FAILED, null, code, message, null, now, List.of())) {
            // It ended meanwhile (cancelled), and whoever ended it announced that.
            return;
        }
        FailureLog.failed(record.environment(), record.id(), record.qualifiedAction(), code, true);
        announceAsyncEnd(record, ExecutionStatus.FAILED, now);
    }

    private void announceAsyncEnd(ExecutionRecord record, ExecutionStatus status, Instant at) {
        events.publish(new ExecutionEvents.Finished(
                record.environment(),
                record.id(),
                record.qualifiedAction(),
                status,
                true,
                Duration.between(record.createdAt(), at)));
    }

    /** Whether the named action is deployed and declared idempotent. */
    public boolean isIdempotent(String environment, String integration, String name) {
        return registry.find(environment, integration, name)
                .map(action -> action.descriptor().hints().idempotent())
                .orElse(false);
    }

    private ExecutionOutcome checkOutput(
            String executionId, DeployedAction action, Object output, ContentBlocks content) {
        if (output == null) {
            return failed(
                    executionId,
                    action,
                    ExecutionError.of(
                            ErrorKind.INVALID_OUTPUT,
                            "invalid_action_output",
                            action.qualifiedName() + " returned null instead of its output record"));
        }
        byte[] serialized;
        try {
            serialized = Json.MAPPER.writeValueAsBytes(output);
        } catch (JacksonException e) {
            return failed(
                    executionId,
                    action,
                    ExecutionError.of(
                            ErrorKind.INVALID_OUTPUT,
                            "invalid_action_output",
                            action.qualifiedName() + " returned an output that cannot be written as JSON: "
                                    + e.getOriginalMessage()));
        }
        // The cap is checked before the schema: an oversize output fails either way, and is costly to validate.
        if (serialized.length > OUTPUT_CAP_BYTES) {
            return failed(
                    executionId,
                    action,
                    ExecutionError.of(
                            ErrorKind.OUTPUT_TOO_LARGE,
                            "output_too_large",
                            action.qualifiedName() + " returned " + serialized.length + " bytes, over the "
                                    + OUTPUT_CAP_BYTES
                                    + "-byte (2 MB) output cap; return a smaller page, or fetch large "
                                    + "payloads through the requests proxy (/proxy)"));
        }
        if (serialized.length + content.bytes() > OUTPUT_CAP_BYTES) {
            return failed(
                    executionId,
                    action,
                    ExecutionError.of(
                            ErrorKind.OUTPUT_TOO_LARGE,
                            "output_too_large",
                            action.qualifiedName() + " returned " + serialized.length + " bytes of output and "
                                    + content.bytes() + " bytes of content (binary counted as base64), "
                                    + (serialized.length + content.bytes()) + " bytes in all, over the "
                                    + OUTPUT_CAP_BYTES
                                    + "-byte (2 MB) cap on output plus content; return smaller content, or link "
                                    + "large files (Content.link) instead of embedding them"));
        }
        JsonNode tree = Json.MAPPER.readTree(serialized);
        var violations = action.outputSchema().validate(tree);
        if (!violations.isEmpty()) {
            return failed(
                    executionId,
                    action,
                    new ExecutionError(
                            ErrorKind.INVALID_OUTPUT,
                            "invalid_action_output",
                            action.qualifiedName()
                                    + " returned an output that breaks its own output schema (a bug in the "
                                    + "action, not in your call): " + violations.getFirst(),
                            violations,
                            null));
        }
        return new ExecutionOutcome.Succeeded(
                executionId, action, tree, new String(serialized, StandardCharsets.UTF_8), content.blocks());
    }

    private static ExecutionError errorOf(DeployedAction action, Throwable thrown) {
        return switch (thrown) {
            case ProviderException e ->
                new ExecutionError(ErrorKind.PROVIDER, "provider_error", e.getMessage(), List.of(), e.status());
            case ProviderHttpClient.ProviderUnreachableException e ->
                ExecutionError.of(ErrorKind.PROVIDER, e.code(), e.getMessage());
            // A transient refusal (a rate limit) counts with the provider's failures: retried when idempotent.
            case ActionException e
            when e.isRetryable() -> ExecutionError.of(ErrorKind.PROVIDER, e.code(), e.getMessage());
            case ActionException e -> ExecutionError.of(ErrorKind.ACTION, e.code(), e.getMessage());
            case InputRequiredException e ->
                ExecutionError.of(ErrorKind.INPUT_REQUIRED, "input_required", e.getMessage());
            case ActionportException e
            when InternalErrors.STORE_ERROR.equals(e.code()) -> {
                var report = InternalErrors.report("action " + action.qualifiedName(), e);
                yield ExecutionError.of(ErrorKind.CRASH, report.code(), report.message());
            }
            case ActionportException e -> ExecutionError.of(ErrorKind.CRASH, e.code(), e.getMessage());
            default -> {
                log.warn("action {} crashed", action.qualifiedName(), thrown);
                yield ExecutionError.of(
                        ErrorKind.CRASH,
                        "action_crashed",
                        action.qualifiedName() + " crashed with "
                                + thrown.getClass().getName()
                                + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
            }
        };
    }

    private static ExecutionOutcome cancelled(String executionId, DeployedAction action) {
        return failed(
                executionId,
                action,
                ExecutionError.of(ErrorKind.CANCELLED, "cancelled", "the execution was cancelled before it finished"));
    }

    private static ExecutionOutcome failed(String executionId, DeployedAction action, ExecutionError error) {
        return new ExecutionOutcome.Failed(executionId, action, error);
    }

    private static String details(ExecutionError error) {
        ObjectNode details = Json.MAPPER.createObjectNode();
        details.put("kind", error.kind().name().toLowerCase(Locale.ROOT));
        if (error.providerStatus() != null) {
            details.put("provider_status", error.providerStatus());
        }
        if (!error.violations().isEmpty()) {
            details.set("violations", Json.MAPPER.valueToTree(error.violations()));
        }
        return details.toString();
    }

    /**
     * Runs an action that is not deployed, against a real connection, and reports what it did
     * without recording an execution: the dry run of an author's action. {@code endUser} (or null) is
     * whom it runs for, which decides the connections it may use, as for any call.
     */
    public DryRunReport dryRun(
            String environment,
            DeployedAction action,
            String connectionId,
            String endUser,
            JsonNode input,
            boolean force) {
        var inputViolations = action.inputSchema().validate(input);
        if (!inputViolations.isEmpty() && !force) {
            // An action handed input its schema refuses may still call the provider (an issue with no title).
            throw new InvalidInputException(action.qualifiedName(), inputViolations);
        }
        var connection = connections.resolve(environment, action.integration(), connectionId, endUser);
        var executionLog = new ExecutionLog(clock, connection.secrets(), ProgressListener.NONE);
        var recording = new RecordingProviderClient(
                new ProviderHttpClient(providerHttp, connection, call -> executionLog.debug("provider {}", call)),
                connection.secrets());
        // A dry run reports output, logs and provider calls; content blocks it adds are not part of the report.
        var context = new RunningContext(
                "dryrun-" + newId(),
                connection.info(),
                recording,
                executionLog,
                ProgressListener.NONE::onProgress,
                new ContentBlocks(OUTPUT_CAP_BYTES),
                new ClientRequests(ProgressListener.NONE));
        var descriptor = action.descriptor();
        var call = ActionCall.run(
                () -> action.action().run(Json.MAPPER.treeToValue(input, descriptor.inputType()), context),
                descriptor.timeout(),
                new Cancellation(),
                deadlines);
        JsonNode output = null;
        long outputBytes = 0;
        ExecutionError error = null;
        List<io.actionport.server.schema.Violation> outputViolations = List.of();
        switch (call) {
            case ActionCall.Returned returned
            when returned.output() == null ->
                error = ExecutionError.of(
                        ErrorKind.INVALID_OUTPUT, "invalid_action_output", "the action returned null");
            case ActionCall.Returned returned -> {
                var bytes = Json.MAPPER.writeValueAsBytes(returned.output());
                outputBytes = bytes.length;
                output = Json.MAPPER.readTree(bytes);
                outputViolations = action.outputSchema().validate(output);
            }
            case ActionCall.Threw threw -> error = errorOf(action, threw.error());
            case ActionCall.TimedOut timedOut ->
                error = ExecutionError.of(
                        ErrorKind.TIMEOUT,
                        "action_timeout",
                        "did not finish within its timeout of "
                                + descriptor.timeout().toMillis() + " ms");
            case ActionCall.Cancelled cancelled ->
                error = ExecutionError.of(ErrorKind.CANCELLED, "cancelled", "the dry run was interrupted");
        }
        return new DryRunReport(
                action.qualifiedName(),
                inputViolations,
                output,
                outputViolations,
                outputBytes,
                error,
                executionLog.lines(),
                recording.exchanges());
    }

    @Override
    public void close() {
        threads.shutdownNow();
        deadlines.close();
    }
}
