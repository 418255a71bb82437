package io.actionport.server.auth;

import io.actionport.server.store.KeyStore;
import io.actionport.server.store.StoredKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Creating, rotating and revoking the keys of an environment, and the rules that keep it usable:
 * its last admin key cannot be revoked, and only caller keys are narrowed to integrations.
 */
public final class KeyManagement {

    /** How long a rotated key keeps working beside its replacement unless told otherwise. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    private final KeyStore store;
    private final Clock clock;

    public KeyManagement(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A key just made, with its secret: the only time the secret is shown. */
    public record IssuedKey(String secret, StoredKey key) {}

    /**
     * Makes a key with a fresh secret.
     *
     * @param integrations the integrations a caller key is limited to; empty for all
     * @param expiresIn how long it works, or null for until revoked
     */
    public IssuedKey create(
            String environment, KeyRole role, String name, List<String> integrations, Duration expiresIn) {
        return register(environment, role, KeySecrets.newSecret(environment), name, integrations, expiresIn);
    }

    /** Makes a key with a given secret (seeding from configuration); the secret must be new to the store. */
    public IssuedKey register(
            String environment,
            KeyRole role,
            String secret,
            String name,
            List<String> integrations,
            Duration expiresIn) {
        if (role == KeyRole.ADMIN && !integrations.isEmpty()) {
            throw new ManagementException(
                    400,
                    "invalid_key",
                    "only caller keys can be limited to integrations; an admin key manages the whole environment");
        }
        if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
            throw new ManagementException(400, "invalid_key", "expires_in must be a positive duration such as 90d");
        }
        var key = store.add(new KeyStore.NewKey(
                KeySecrets.newKeyId(),
                environment,
                role.wireName(),
                secret,
                name,
                integrations,
                expiresIn == null ? null : clock.instant().plus(expiresIn)));
        return new IssuedKey(secret, key);
    }

    public List<StoredKey> list(String environment) {
        return store.list(environment);
    }

    /**
     * A new key of the same role, name and integrations; the old one keeps working for
     * {@code overlap} (zero: it stops now), then expires.
     */
    public IssuedKey rotate(String environment, String id, Duration overlap) {
        if (overlap.isNegative()) {
            throw new ManagementException(400, "invalid_overlap", "overlap must be zero or more, such as 24h or 0");
        }
        var old = activeKey(environment, id);
        var fresh = create(environment, KeyRole.fromWireName(old.role()), old.name(), old.integrations(), null);
        store.expire(environment, id, clock.instant().plus(overlap));
        return fresh;
    }

    /** Revokes a key at once; refuses the environment's last working admin key. */
    public void revoke(String environment, String id) {
        var key = activeKey(environment, id);
        var now = clock.instant();
        if (key.role().equals(KeyRole.ADMIN.wireName())
                && store.list(environment).stream()
                        .noneMatch(other -> !other.id().equals(id)
                                && other.role().equals(KeyRole.ADMIN.wireName())
                                && other.isActive(now))) {
            throw new ManagementException(
                    409,
                    "last_admin_key",
                    "key '" + id + "' is the last admin key of environment '" + environment
                            + "'; create another admin key first ('actionport keys create --role admin'), or rotate"
                            + " this one ('actionport keys rotate " + id + "')");
        }
        store.revoke(environment, id);
    }

    private StoredKey activeKey(String environment, String id) {
        var key = store.find(environment, id)
                .orElseThrow(() -> new ManagementException(
                        404,
                        "unknown_key",
                        "environment '" + environment + "' has no key '" + id
                                + "'; 'actionport keys list' shows them"));
        if (!key.isActive(clock.instant())) {
            throw new ManagementException(409, "inactive_key", "key '" + id + "' is already revoked or expired");
        }
        return key;
    }
}
