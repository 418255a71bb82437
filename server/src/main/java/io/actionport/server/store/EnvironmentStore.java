package io.actionport.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Environments and their secret keys: a key is found by its hash and kept encrypted for display. */
public final class EnvironmentStore {

    private final Jdbc jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    public EnvironmentStore(Database database, SecretCipher cipher, Clock clock) {
        this.jdbc = new Jdbc(database.dataSource());
        this.cipher = cipher;
        this.clock = clock;
    }

    public void create(String name, String secretKey) {
        jdbc.update(
                "INSERT INTO environments (name, key_hash, key_cipher, created_at) VALUES (?, ?, ?, ?)",
                name,
                hash(secretKey),
                cipher.encrypt(secretKey),
                clock.instant());
    }

    public boolean exists(String name) {
        return jdbc.queryOne("SELECT name FROM environments WHERE name = ?", row -> row.getString(1), name)
                .isPresent();
    }

    /** The environment whose secret key this is. */
    public Optional<String> findByKey(String secretKey) {
        return jdbc.queryOne(
                "SELECT name FROM environments WHERE key_hash = ?", row -> row.getString(1), hash(secretKey));
    }

    /** The environment's secret key, decrypted. */
    public Optional<String> secretKey(String name) {
        return jdbc.queryOne(
                "SELECT key_cipher FROM environments WHERE name = ?", row -> cipher.decrypt(row.getString(1)), name);
    }

    public List<String> names() {
        return jdbc.query("SELECT name FROM environments ORDER BY name", row -> row.getString(1));
    }

    static String hash(String secretKey) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secretKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
