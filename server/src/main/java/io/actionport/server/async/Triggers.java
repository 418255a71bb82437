package io.actionport.server.async;

import io.actionport.sdk.ExecutionMode;
import io.actionport.server.ActionportException;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.runner.UnknownActionException;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.IdempotencyKeyStore;
import io.actionport.server.store.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Decides how a triggered call runs, for the doors that trigger: now (sync) or on the queue
 * (async), and what an {@code Idempotency-Key} already holds.
 */
public final class Triggers {

    /** What a trigger led to. */
    public sealed interface Triggered {
        /** It ran (or had run, for a repeated key) and ended so. */
        record Completed(ExecutionOutcome outcome) implements Triggered {}

        /** It is on the queue, or still running; poll or wait for the webhook. */
        record Accepted(ExecutionRecord record) implements Triggered {}
    }

    /**
     * How the caller wants the call run.
     *
     * @param async the caller asked for async ({@code X-Async: true}); actions in {@code async} mode are async anyway
     * @param maxRetries retries asked for, or null for the action's policy
     * @param idempotencyKey the caller's key, or null
     */
    public record Options(boolean async, Integer maxRetries, String idempotencyKey) {
        public static final Options SYNC = new Options(false, null, null);
    }

    private static final java.util.concurrent.Executor VIRTUAL_THREADS =
            task -> Thread.ofVirtual().start(task);

    private final ActionRunner runner;
    private final AsyncExecutions queue;
    private final ActionRegistry registry;
    private final ExecutionStore executions;
    private final IdempotencyKeyStore keys;

    public Triggers(
            ActionRunner runner,
            AsyncExecutions queue,
            ActionRegistry registry,
            ExecutionStore executions,
            IdempotencyKeyStore keys) {
        this.runner = runner;
        this.queue = queue;
        this.registry = registry;
        this.executions = executions;
        this.keys = keys;
    }

    /** Runs or enqueues a call; blocking parts run on a virtual thread. Fails with what the runner throws. */
    public CompletableFuture<Triggered> trigger(ExecutionRequest request, Options options) {
        return CompletableFuture.supplyAsync(() -> decide(request, options), VIRTUAL_THREADS)
                .thenCompose(decision -> decision);
    }

    private CompletableFuture<Triggered> decide(ExecutionRequest request, Options options) {
        queue.gate().checkAccepting();
        var action = registry.find(request.environment(), request.integration(), request.actionName())
                .orElseThrow(() ->
                        new UnknownActionException(request.environment(), request.integration(), request.actionName()));
        boolean async = options.async() || action.descriptor().mode() == ExecutionMode.ASYNC;
        var id = runner.newId();
        if (options.idempotencyKey() == null) {
            return start(request, options, async, id);
        }
        // A request refused before it runs (bad input, unknown connection, refused retries) never holds its key.
        var prepared = runner.prepare(request);
        if (async) {
            AsyncExecutions.maxAttempts(prepared, options.maxRetries());
        } else {
            refuseSyncRetries(options);
        }
        var hash = requestHash(request, action.qualifiedName());
        var claim = keys.claim(request.environment(), options.idempotencyKey(), hash, id);
        if (!claim.claimedNow()) {
            if (!claim.requestHash().equals(hash)) {
                throw new IdempotencyConflictException(options.idempotencyKey());
            }
            return CompletableFuture.completedFuture(
                    replay(request, options.idempotencyKey(), claim.executionId(), async));
        }
        CompletableFuture<Triggered> started;
        try {
            started = start(request, options, async, id);
        } catch (ActionportException refused) {
            releaseUnlessRan(request, options, id, refused);
            throw refused;
        }
        return started.whenComplete((triggered, failure) -> {
            if (failure != null) {
                releaseUnlessRan(request, options, id, failure);
            }
        });
    }

    /**
     * Gives the key back when its request was refused before anything ran. A store failure is the
     * exception: the action may have run, so the key keeps naming its execution.
     */
    private void releaseUnlessRan(ExecutionRequest request, Options options, String id, Throwable failure) {
        var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof ActionportException && !(cause instanceof io.actionport.server.store.StoreException)) {
            keys.release(request.environment(), options.idempotencyKey(), id);
        }
    }

    private CompletableFuture<Triggered> start(ExecutionRequest request, Options options, boolean async, String id) {
        if (async) {
            return CompletableFuture.completedFuture(
                    new Triggered.Accepted(queue.enqueue(request, id, options.maxRetries())));
        }
        refuseSyncRetries(options);
        return runner.submit(request, id).thenApply(Triggered.Completed::new);
    }

    private static void refuseSyncRetries(Options options) {
        if (options.maxRetries() != null && options.maxRetries() > 0) {
            throw new AsyncExecutions.RetriesRefusedException(
                    "X-Max-Retries applies to async executions only; add X-Async: true");
        }
    }

    /**
     * The answer a repeated key gets: an accepted async execution is accepted again (the same id);
     * a finished one replays its result; one still running, or still being accepted, is refused
     * at once with {@link IdempotencyInFlightException}.
     */
    private Triggered replay(ExecutionRequest request, String key, String executionId, boolean async) {
        var record = executions
                .find(request.environment(), executionId)
                .orElseThrow(() -> new IdempotencyInFlightException(key));
        if (async) {
            return new Triggered.Accepted(record);
        }
        if (record.status().isFinished()) {
            return new Triggered.Completed(ExecutionOutcome.of(record));
        }
        throw new IdempotencyInFlightException(key);
    }

    /** Same action, connection and input (key order aside) means the same request. */
    static String requestHash(ExecutionRequest request, String qualifiedAction) {
        // One end user's key never replays another's execution.
        var canonical = qualifiedAction + "\n" + request.connectionId() + "\n" + canonical(request.input())
                + (request.endUser() == null ? "" : "\nend user " + request.endUser());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(JsonNode node) {
        if (node == null || node.isNull()) {
            return "{}";
        }
        if (node.isObject()) {
            var sorted = new TreeMap<String, String>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
            var out = new StringBuilder("{");
            for (Map.Entry<String, String> entry : sorted.entrySet()) {
                out.append(Json.MAPPER.writeValueAsString(entry.getKey()))
                        .append(':')
                        .append(entry.getValue())
                        .append(',');
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            var out = new StringBuilder("[");
            node.forEach(item -> out.append(canonical(item)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }

    /** The key was used before with another request. */
    public static final class IdempotencyConflictException extends ActionportException {
        public IdempotencyConflictException(String key) {
            super(
                    "idempotency_conflict",
                    "Idempotency-Key '" + key + "' was used before with a different action, connection or input; "
                            + "use a new key for a new request");
        }
    }

    /** The first request with the key is still running (or being accepted): its answer is not known yet. */
    public static final class IdempotencyInFlightException extends ActionportException {
        static final Duration RETRY_AFTER = Duration.ofSeconds(1);

        public IdempotencyInFlightException(String key) {
            super(
                    "idempotency_in_flight",
                    "the first request with Idempotency-Key '" + key + "' is still running; retry after "
                            + RETRY_AFTER.toSeconds() + " s to get its answer");
        }

        public Duration retryAfter() {
            return RETRY_AFTER;
        }
    }
}
