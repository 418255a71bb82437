package io.actionport.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as their key or OAuth token tells: its environment, the key's public id (or
 * {@code oauth:<sub>}), its role, the integrations a caller key is limited to (empty for all of the
 * environment's), and the scopes an OAuth access token carries (empty for a key).
 */
public record Principal(String environment, String keyId, KeyRole role, Set<String> integrations, Set<String> scopes) {

    /** The prefix of the key id an OAuth token holder's executions and sessions carry. */
    public static final String OAUTH_KEY_ID_PREFIX = "oauth:";

    public Principal {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(role, "role");
        integrations = Set.copyOf(integrations);
        scopes = Set.copyOf(scopes);
    }

    /** The principal of a key, which carries no OAuth scopes. */
    public Principal(String environment, String keyId, KeyRole role, Set<String> integrations) {
        this(environment, keyId, role, integrations, Set.of());
    }

    /** True when an OAuth access token, not a key, stands for this caller. */
    public boolean isTokenHolder() {
        return keyId.startsWith(OAUTH_KEY_ID_PREFIX);
    }

    public boolean isAdmin() {
        return role == KeyRole.ADMIN;
    }

    /** True when the key is limited to some integrations. */
    public boolean isNarrowed() {
        return !integrations.isEmpty();
    }
}
