package io.actionport.server.runner;

import io.actionport.sdk.ActionException;
import io.actionport.sdk.ProviderException;
import io.actionport.server.ActionportException;
import io.actionport.server.connection.ConnectionResolver;
import io.actionport.server.connection.ProviderHttpClient;
import io.actionport.server.connection.ResolvedConnection;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.DeployedAction;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.Json;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one path every call takes: resolve the action, validate the input, resolve the connection,
 * run on a virtual thread under the timeout, cap and validate the output, record the execution.
 *
 * <p>Failures before anything runs (unknown action, invalid input, unknown connection) are thrown
 * as {@link ActionportException}s and leave no record; failures of the run itself end the
 * execution {@code failed} and come back as {@link ExecutionOutcome.Failed}.
 */
public final class ActionRunner implements AutoCloseable {

    /** Nango's cap on an action's serialized output. */
    public static final int OUTPUT_CAP_BYTES = 2 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final ActionRegistry registry;
    private final ConnectionResolver connections;
    private final ExecutionStore executions;
    private final HttpClient providerHttp;
    private final Clock clock;
    private final Supplier<String> ids;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public ActionRunner(
            ActionRegistry registry,
            ConnectionResolver connections,
            ExecutionStore executions,
            HttpClient providerHttp,
            Clock clock,
            Supplier<String> ids) {
        this.registry = registry;
        this.connections = connections;
        this.executions = executions;
        this.providerHttp = providerHttp;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Runs a call on a virtual thread. Cancelling the returned future interrupts the action and
     * records the execution as cancelled.
     */
    public CompletableFuture<ExecutionOutcome> submit(ExecutionRequest request) {
        var result = new CompletableFuture<ExecutionOutcome>();
        var cancellation = new Cancellation();
        threads.execute(() -> {
            try {
                result.complete(run(request, cancellation));
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

    /** Runs a call on the calling thread, which must be allowed to block (never an event loop). */
    public ExecutionOutcome run(ExecutionRequest request) {
        return run(request, new Cancellation());
    }

    private ExecutionOutcome run(ExecutionRequest request, Cancellation cancellation) {
        var action = registry.find(request.environment(), request.integration(), request.actionName())
                .orElseThrow(() ->
                        new UnknownActionException(request.environment(), request.integration(), request.actionName()));
        var input =
                request.input() == null || request.input().isNull() ? Json.MAPPER.createObjectNode() : request.input();
        var violations = action.inputSchema().validate(input);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(action.qualifiedName(), violations);
        }
        var connection = connections.resolve(request.environment(), action.integration(), request.connectionId());
        var record = start(request, action, connection, input);
        var executionLog = new ExecutionLog(clock, connection.secrets());
        var outcome = execute(record.id(), action, connection, input, executionLog, request.progress(), cancellation);
        finish(record.id(), outcome, executionLog);
        return outcome;
    }

    private ExecutionRecord start(
            ExecutionRequest request, DeployedAction action, ResolvedConnection connection, JsonNode input) {
        var now = clock.instant();
        var record = new ExecutionRecord(
                ids.get(),
                request.environment(),
                action.integration(),
                action.name(),
                action.descriptor().version(),
                connection.connection().connectionId(),
                request.caller().wireName(),
                ExecutionStatus.RUNNING,
                1,
                input.toString(),
                null,
                null,
                null,
                null,
                now,
                now,
                null);
        executions.insert(record);
        return record;
    }

    private ExecutionOutcome execute(
            String executionId,
            DeployedAction action,
            ResolvedConnection connection,
            JsonNode input,
            ExecutionLog executionLog,
            ProgressListener progress,
            Cancellation cancellation) {
        var descriptor = action.descriptor();
        var provider =
                new ProviderHttpClient(providerHttp, connection, call -> executionLog.debug("provider {}", call));
        var context = new RunningContext(executionId, connection.info(), provider, executionLog, progress::onProgress);
        var running = threads.submit(
                () -> action.action().run(Json.MAPPER.treeToValue(input, descriptor.inputType()), context));
        cancellation.attach(running);
        Object output;
        try {
            output = running.get(descriptor.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return failed(
                    executionId,
                    action,
                    ExecutionError.of(
                            ErrorKind.TIMEOUT,
                            "action_timeout",
                            descriptor.qualifiedName() + " did not finish within its timeout of "
                                    + descriptor.timeout().toMillis() + " ms and was stopped"));
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            running.cancel(true);
            return failed(
                    executionId,
                    action,
                    ExecutionError.of(
                            ErrorKind.CANCELLED, "cancelled", "the execution was cancelled before it finished"));
        } catch (ExecutionException e) {
            return failed(executionId, action, errorOf(action, e.getCause()));
        }
        return checkOutput(executionId, action, output);
    }

    private ExecutionOutcome checkOutput(String executionId, DeployedAction action, Object output) {
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
        return new ExecutionOutcome.Succeeded(executionId, action, tree);
    }

    private static ExecutionError errorOf(DeployedAction action, Throwable thrown) {
        return switch (thrown) {
            case ProviderException e ->
                new ExecutionError(
                        ErrorKind.PROVIDER, "provider_error", e.getMessage(), java.util.List.of(), e.status());
            case ProviderHttpClient.ProviderUnreachableException e ->
                ExecutionError.of(ErrorKind.PROVIDER, e.code(), e.getMessage());
            case ActionException e -> ExecutionError.of(ErrorKind.ACTION, e.code(), e.getMessage());
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

    private static ExecutionOutcome failed(String executionId, DeployedAction action, ExecutionError error) {
        return new ExecutionOutcome.Failed(executionId, action, error);
    }

    private void finish(String executionId, ExecutionOutcome outcome, ExecutionLog executionLog) {
        var now = clock.instant();
        switch (outcome) {
            case ExecutionOutcome.Succeeded ok ->
                executions.finish(
                        executionId,
                        ExecutionStatus.SUCCEEDED,
                        ok.output().toString(),
                        null,
                        null,
                        null,
                        now,
                        executionLog.lines());
            case ExecutionOutcome.Failed failed ->
                executions.finish(
                        executionId,
                        failed.error().kind() == ErrorKind.CANCELLED
                                ? ExecutionStatus.CANCELLED
                                : ExecutionStatus.FAILED,
                        null,
                        failed.error().code(),
                        failed.error().message(),
                        details(failed.error()),
                        now,
                        executionLog.lines());
        }
    }

    private static String details(ExecutionError error) {
        ObjectNode details = Json.MAPPER.createObjectNode();
        details.put("kind", error.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (error.providerStatus() != null) {
            details.put("provider_status", error.providerStatus());
        }
        if (!error.violations().isEmpty()) {
            details.set("violations", Json.MAPPER.valueToTree(error.violations()));
        }
        return details.toString();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** Convenience for doors: the input map as a JSON tree. */
    public static JsonNode toJson(Map<String, Object> input) {
        return input == null ? null : Json.MAPPER.valueToTree(input);
    }
}
