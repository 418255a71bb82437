package io.actionport.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as their key tells: its environment, the key's public id, its role, and the
 * integrations a caller key is limited to (empty for all of the environment's).
 */
public record Principal(String environment, String keyId, KeyRole role, Set<String> integrations) {

    public Principal {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(role, "role");
        integrations = Set.copyOf(integrations);
    }

    public boolean isAdmin() {
        return role == KeyRole.ADMIN;
    }

    /** True when the key is limited to some integrations. */
    public boolean isNarrowed() {
        return !integrations.isEmpty();
    }
}
