package io.actionport.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A key as stored: never its secret, only what identifies and limits it.
 *
 * @param id the public id, shown in listings and used to rotate or revoke it
 * @param environment the environment it opens
 * @param role {@code caller} or {@code admin}
 * @param prefix the first characters of the secret, to recognise it by; null for migrated keys
 * @param name a label, or null
 * @param integrations the integrations a caller key is limited to; empty for all of the environment's
 * @param createdAt when it was made
 * @param expiresAt when it stops working (after a rotation, or as asked), or null
 * @param revokedAt when it was revoked, or null
 * @param lastUsedAt when it was last seen (to the minute), or null
 */
public record StoredKey(
        String id,
        String environment,
        String role,
        String prefix,
        String name,
        List<String> integrations,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt) {

    public StoredKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(role, "role");
        integrations = List.copyOf(integrations);
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
