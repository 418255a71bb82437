package io.actionport.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.actionport.server.store.Database;
import io.actionport.server.store.EnvironmentStore;
import io.actionport.server.store.KeyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key is known from memory, without the store, only when the store was asked a moment ago and
 * said yes; every other case is left to the full check, which may wait for the store.
 */
class EnvironmentKeysTest {

    private static final String SECRET = "ak_test_0123456789abcdefghijklmnop";

    @TempDir
    Path dataDir;

    private Database database;
    private KeyStore store;
    private EnvironmentKeys keys;

    @BeforeEach
    void open() {
        database = Database.openEmbedded(dataDir);
        var clock = Clock.systemUTC();
        new EnvironmentStore(database, clock).create("dev");
        new EnvironmentStore(database, clock).create("prod");
        store = new KeyStore(database, clock);
        store.add(new KeyStore.NewKey("k1", "dev", "caller", SECRET, "test", List.of(), null));
        keys = new EnvironmentKeys(store, new EnvironmentStore(database, clock), LocalToken.random(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_key_not_looked_up_yet_is_not_known_from_memory() {
        assertThat(keys.fromMemory("Bearer " + SECRET, null)).isEmpty();
    }

    @Test
    void a_key_just_accepted_is_known_from_memory_as_the_same_caller() {
        var accepted = keys.authenticate("Bearer " + SECRET, "dev");

        var remembered = keys.fromMemory("Bearer " + SECRET, "dev");

        assertThat(remembered).contains(accepted);
        assertThat(keys.fromMemory("bearer   " + SECRET + " ", null)).contains(accepted);
    }

    @Test
    void a_refusal_is_never_decided_from_memory() {
        keys.authenticate("Bearer " + SECRET, null);

        assertThat(keys.fromMemory("Bearer " + SECRET, "prod")).isEmpty();
        assertThatThrownBy(() -> keys.authenticate("Bearer " + SECRET, "prod"))
                .isInstanceOfSatisfying(
                        AuthException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(keys.fromMemory("Basic " + SECRET, null)).isEmpty();
        assertThat(keys.fromMemory(null, null)).isEmpty();
        assertThat(keys.fromMemory("Bearer another-secret", null)).isEmpty();
    }

    @Test
    void a_key_revoked_elsewhere_is_no_longer_known_from_memory_once_the_cache_time_passed() {
        keys.authenticate("Bearer " + SECRET, null);
        store.revoke("dev", "k1");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> keys.fromMemory("Bearer " + SECRET, null).isEmpty());
        assertThatThrownBy(() -> keys.authenticate("Bearer " + SECRET, null))
                .isInstanceOfSatisfying(
                        AuthException.class, e -> assertThat(e.code()).isEqualTo("revoked_key"));
    }
}
