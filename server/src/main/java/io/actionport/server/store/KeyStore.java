package io.actionport.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The keys of every environment, hashed: a key is found by the SHA-256 of its secret and never shown again. */
public final class KeyStore {

    private final Jdbc jdbc;
    private final Clock clock;

    public KeyStore(Database database, Clock clock) {
        this.jdbc = new Jdbc(database.dataSource());
        this.clock = clock;
    }

    /** A new key to store: its secret is hashed on the way in. */
    public record NewKey(
            String id,
            String environment,
            String role,
            String secret,
            String name,
            List<String> integrations,
            Instant expiresAt) {}

    /** Stores a key; a secret that is already some key's (even a revoked one) is a {@link DuplicateException}. */
    public StoredKey add(NewKey key) {
        if (findBySecret(key.secret()).isPresent()) {
            throw new DuplicateException("that secret is already a key (perhaps a revoked one); use a fresh secret");
        }
        var now = clock.instant();
        jdbc.update(
                "INSERT INTO keys (id, environment, role, key_hash, prefix, name, integrations, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(),
                key.environment(),
                key.role(),
                hash(key.secret()),
                prefixOf(key.secret()),
                key.name(),
                key.integrations().isEmpty() ? null : String.join(",", key.integrations()),
                now,
                key.expiresAt());
        return find(key.environment(), key.id()).orElseThrow();
    }

    /** The key whose secret this is, whatever its state. */
    public Optional<StoredKey> findBySecret(String secret) {
        return jdbc.queryOne("SELECT * FROM keys WHERE key_hash = ?", KeyStore::key, hash(secret));
    }

    public Optional<StoredKey> find(String environment, String id) {
        return jdbc.queryOne("SELECT * FROM keys WHERE environment = ? AND id = ?", KeyStore::key, environment, id);
    }

    /** The environment's keys, oldest first, revoked and expired ones included. */
    public List<StoredKey> list(String environment) {
        return jdbc.query(
                "SELECT * FROM keys WHERE environment = ? ORDER BY created_at, id", KeyStore::key, environment);
    }

    public void revoke(String environment, String id) {
        jdbc.update(
                "UPDATE keys SET revoked_at = ? WHERE environment = ? AND id = ? AND revoked_at IS NULL",
                clock.instant(),
                environment,
                id);
    }

    /** Makes a key stop working at {@code when}, unless it already stops earlier. */
    public void expire(String environment, String id, Instant when) {
        jdbc.update(
                "UPDATE keys SET expires_at = ? WHERE environment = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)",
                when,
                environment,
                id,
                when);
    }

    public void touch(String id, Instant when) {
        jdbc.update("UPDATE keys SET last_used_at = ? WHERE id = ?", when, id);
    }

    /** The first characters of a secret, to recognise it in a listing; never more than half of it. */
    static String prefixOf(String secret) {
        return secret.substring(0, Math.min(12, secret.length() / 2));
    }

    static String hash(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static StoredKey key(ResultSet row) throws SQLException {
        var integrations = row.getString("integrations");
        return new StoredKey(
                row.getString("id"),
                row.getString("environment"),
                row.getString("role"),
                row.getString("prefix"),
                row.getString("name"),
                integrations == null ? List.of() : Arrays.asList(integrations.split(",")),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "expires_at"),
                Jdbc.instant(row, "revoked_at"),
                Jdbc.instant(row, "last_used_at"));
    }
}
