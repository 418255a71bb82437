package io.actionport.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys: the first request with a key claims it for its execution; later ones find
 * that execution. The primary key makes concurrent duplicates resolve to exactly one claim.
 */
public final class IdempotencyKeyStore {

    /**
     * Who holds a key.
     *
     * @param executionId the execution the key names
     * @param requestHash the hash of the request that claimed it
     * @param claimedNow true when this call claimed it
     */
    public record Claim(String executionId, String requestHash, boolean claimedNow) {}

    private final Jdbc jdbc;
    private final Clock clock;

    public IdempotencyKeyStore(Database database, Clock clock) {
        this.jdbc = new Jdbc(database.dataSource());
        this.clock = clock;
    }

    /** Claims a key for {@code executionId}, or returns the claim that holds it already. */
    public Claim claim(String environment, String key, String requestHash, String executionId) {
        try {
            jdbc.update(
                    "INSERT INTO idempotency_keys (environment, idempotency_key, request_hash, execution_id, created_at) "
                            + "VALUES (?, ?, ?, ?, ?)",
                    environment,
                    key,
                    requestHash,
                    executionId,
                    clock.instant());
            return new Claim(executionId, requestHash, true);
        } catch (StoreException e) {
            if (!e.isDuplicateKey()) {
                throw e;
            }
            return find(environment, key).orElseThrow(() -> e);
        }
    }

    public Optional<Claim> find(String environment, String key) {
        return jdbc.queryOne(
                "SELECT execution_id, request_hash FROM idempotency_keys WHERE environment = ? AND idempotency_key = ?",
                row -> new Claim(row.getString(1), row.getString(2), false),
                environment,
                key);
    }

    /** Gives a key back when the request that claimed it was refused before anything ran. */
    public void release(String environment, String key, String executionId) {
        jdbc.update(
                "DELETE FROM idempotency_keys WHERE environment = ? AND idempotency_key = ? AND execution_id = ?",
                environment,
                key,
                executionId);
    }

    /** Forgets keys older than {@code cutoff}; returns how many. */
    public int purgeOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_keys WHERE created_at < ?", cutoff);
    }
}
