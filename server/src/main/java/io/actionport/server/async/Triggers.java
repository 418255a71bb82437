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

    private static final Duration RECORD_WAIT = Duration.ofSeconds(5);
    private static final Duration RECORD_POLL = Duration.ofMillis(10);

    private static final java.util.concurrent.Executor VIRTUAL_THREADS =
            task -> Thread.ofVirtual().start(task);

    private final ActionRunner runner;
    private final AsyncExecutions queue;
    private final ActionRegistry registry;
    private final ExecutionStore executions;
    private final IdempotencyKeyStore keys;
    private final Completions completions;

    public Triggers(
            ActionRunner runner,
            AsyncExecutions queue,
            ActionRegistry registry,
            ExecutionStore executions,
            IdempotencyKeyStore keys,
            Completions completions) {
        this.runner = runner;
        this.queue = queue;
        this.registry = registry;
        this.executions = executions;
        this.keys = keys;
        this.completions = completions;
    }

    /** Runs or enqueues a call; blocking parts run on a virtual thread. Fails with what the runner throws. */
    public CompletableFuture<Triggered> trigger(ExecutionRequest request, Options options) {
        return CompletableFuture.supplyAsync(() -> decide(request, options), VIRTUAL_THREADS)
                .thenCompose(decision -> decision);
    }

    private CompletableFuture<Triggered> decide(ExecutionRequest request, Options options) {
        var action = registry.find(request.environment(), request.integration(), request.actionName())
                .orElseThrow(() ->
                        new UnknownActionException(request.environment(), request.integration(), request.actionName()));
        boolean async = options.async() || action.descriptor().mode() == ExecutionMode.ASYNC;
        var id = runner.newId();
        if (options.idempotencyKey() != null) {
            var hash = requestHash(request, action.qualifiedName());
            var claim = keys.claim(request.environment(), options.idempotencyKey(), hash, id);
            if (!claim.claimedNow()) {
                if (!claim.requestHash().equals(hash)) {
                    throw new IdempotencyConflictException(options.idempotencyKey());
                }
                return replay(
                        request, claim.executionId(), async, action.descriptor().timeout());
            }
            try {
                return start(request, options, async, id);
            } catch (ActionportException refused) {
                keys.release(request.environment(), options.idempotencyKey(), id);
                throw refused;
            }
        }
        return start(request, options, async, id);
    }

    private CompletableFuture<Triggered> start(ExecutionRequest request, Options options, boolean async, String id) {
        if (async) {
            return CompletableFuture.completedFuture(
                    new Triggered.Accepted(queue.enqueue(request, id, options.maxRetries())));
        }
        if (options.maxRetries() != null && options.maxRetries() > 0) {
            throw new AsyncExecutions.RetriesRefusedException(
                    "X-Max-Retries applies to async executions only; add X-Async: true");
        }
        return runner.submit(request, id).thenApply(Triggered.Completed::new);
    }

    /** The execution a repeated key names: its result when it has one, else it is still accepted. */
    private CompletableFuture<Triggered> replay(
            ExecutionRequest request, String executionId, boolean async, Duration timeout) {
        // A sync execution's record is written when it ends, so a duplicate may wait as long as the action runs.
        var record = awaitRecord(request.environment(), executionId, async ? RECORD_WAIT : timeout.plus(RECORD_WAIT));
        if (async || record.status().isFinished()) {
            return CompletableFuture.completedFuture(
                    record.status().isFinished() && !async
                            ? new Triggered.Completed(ExecutionOutcome.of(record))
                            : new Triggered.Accepted(record));
        }
        return completions
                .await(request.environment(), executionId, timeout.plusSeconds(5))
                .thenApply(
                        finished -> finished.<Triggered>map(done -> new Triggered.Completed(ExecutionOutcome.of(done)))
                                .orElseGet(() -> new Triggered.Accepted(record)));
    }

    /**
     * The record a key names. The first request stores it just after claiming the key, so a
     * duplicate arriving in between waits for it briefly (on its own virtual thread).
     */
    private ExecutionRecord awaitRecord(String environment, String executionId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            var record = executions.find(environment, executionId);
            if (record.isPresent()) {
                return record.get();
            }
            if (System.nanoTime() > deadline) {
                throw IdempotencyConflictException.stillAccepting();
            }
            try {
                Thread.sleep(RECORD_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw IdempotencyConflictException.stillAccepting();
            }
        }
    }

    /** Same action, connection and input (key order aside) means the same request. */
    static String requestHash(ExecutionRequest request, String qualifiedAction) {
        var canonical = qualifiedAction + "\n" + request.connectionId() + "\n" + canonical(request.input());
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
            this(
                    "Idempotency-Key '" + key + "' was used before with a different action, connection or input; "
                            + "use a new key for a new request",
                    true);
        }

        private IdempotencyConflictException(String message, boolean unused) {
            super("idempotency_conflict", message);
        }

        static IdempotencyConflictException stillAccepting() {
            return new IdempotencyConflictException(
                    "the first request with this Idempotency-Key is still being accepted; retry in a moment", true);
        }
    }
}
