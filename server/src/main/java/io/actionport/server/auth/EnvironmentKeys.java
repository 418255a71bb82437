package io.actionport.server.auth;

import io.actionport.server.store.EnvironmentStore;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an {@code Authorization: Bearer <key>} header into the environment the key belongs to.
 * Known keys are cached, so the hot path does no database work.
 */
public final class EnvironmentKeys {

    private final EnvironmentStore store;
    private final LocalToken localToken;
    private final Map<String, String> environmentByKey = new ConcurrentHashMap<>();

    /** @param localToken accepted on {@link #authenticateLocal} from loopback, for any environment */
    public EnvironmentKeys(EnvironmentStore store, LocalToken localToken) {
        this.store = store;
        this.localToken = localToken;
    }

    /**
     * The caller's environment, where the local token of {@code actionport mcp} is accepted too: from
     * loopback, for the environment it names.
     *
     * @param from the address the request came from
     */
    public String authenticateLocal(String authorization, String requested, SocketAddress from) {
        var bearer = authorization == null ? "" : authorization.trim();
        if (bearer.regionMatches(true, 0, "Bearer ", 0, 7)
                && localToken.accepts(bearer.substring(7).trim(), from)) {
            if (requested == null || requested.isBlank() || !store.exists(requested)) {
                throw new AuthException(
                        404,
                        "unknown_environment",
                        "environment '" + requested + "' does not exist; pass an existing one with --env");
            }
            return requested;
        }
        return authenticate(authorization, requested);
    }

    /**
     * The caller's environment.
     *
     * @param authorization the Authorization header, or null
     * @param requested the environment the caller asked for (a header or flag), or null for the key's
     * @throws AuthException 401 without a usable key, 403 when the key is another environment's
     */
    public String authenticate(String authorization, String requested) {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthException(
                    401, "missing_auth", "send the environment's secret key as 'Authorization: Bearer <key>'");
        }
        var parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
            throw new AuthException(
                    401, "invalid_auth", "the Authorization header must be 'Bearer <environment secret key>'");
        }
        var environment = environmentOf(parts[1]);
        if (requested != null && !requested.isBlank() && !requested.equals(environment)) {
            throw new AuthException(
                    403,
                    "wrong_environment",
                    "this key belongs to environment '" + environment + "', not '" + requested + "'; use " + requested
                            + "'s own secret key");
        }
        return environment;
    }

    private String environmentOf(String key) {
        var cached = environmentByKey.get(key);
        if (cached != null) {
            return cached;
        }
        var environment = store.findByKey(key)
                .orElseThrow(() -> new AuthException(
                        401,
                        "invalid_key",
                        "the secret key is not the key of any environment; check the key you were given"));
        environmentByKey.put(key, environment);
        return environment;
    }
}
