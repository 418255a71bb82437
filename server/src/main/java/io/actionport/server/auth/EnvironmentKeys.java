package io.actionport.server.auth;

import io.actionport.server.store.EnvironmentStore;
import io.actionport.server.store.KeyStore;
import io.actionport.server.store.StoredKey;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an {@code Authorization: Bearer <key>} header into a {@link Principal}. A key found in the
 * store is remembered for at most {@link #CACHE_TIME}, so a revocation or rotation made on any node
 * takes effect everywhere within a second, while a busy key costs one lookup a fraction of a second.
 */
public final class EnvironmentKeys {

    /** How long a looked-up key is trusted without asking the store again. */
    public static final Duration CACHE_TIME = Duration.ofMillis(500);

    /** How often a key's last use is written to the store, at most. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** The key id executions started through the local token of {@code actionport mcp} carry. */
    public static final String LOCAL_KEY_ID = "local";

    private record Cached(StoredKey key, long fetchedAtNanos) {}

    private final KeyStore store;
    private final EnvironmentStore environments;
    private final LocalToken localToken;
    private final Clock clock;
    private final Map<String, Cached> bySecret = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUseWritten = new ConcurrentHashMap<>();

    /** @param localToken accepted on {@link #authenticateLocal} from loopback, as a caller of any environment */
    public EnvironmentKeys(KeyStore store, EnvironmentStore environments, LocalToken localToken, Clock clock) {
        this.store = store;
        this.environments = environments;
        this.localToken = localToken;
        this.clock = clock;
    }

    /**
     * The caller, where the local token of {@code actionport mcp} is accepted too: from loopback, as a
     * caller of the environment it names.
     *
     * @param from the address the request came from
     */
    public Principal authenticateLocal(String authorization, String requested, SocketAddress from) {
        var bearer = authorization == null ? "" : authorization.trim();
        if (bearer.regionMatches(true, 0, "Bearer ", 0, 7)
                && localToken.accepts(bearer.substring(7).trim(), from)) {
            if (requested == null || requested.isBlank() || !environments.exists(requested)) {
                throw new AuthException(
                        404,
                        "unknown_environment",
                        "environment '" + requested + "' does not exist; pass an existing one with --env");
            }
            return new Principal(requested, LOCAL_KEY_ID, KeyRole.CALLER, Set.of());
        }
        return authenticate(authorization, requested);
    }

    /**
     * The caller, from its key.
     *
     * @param authorization the Authorization header, or null
     * @param requested the environment the caller asked for (a header or flag), or null for the key's
     * @throws AuthException 401 without a usable, unrevoked, unexpired key; 403 when the key is another
     *     environment's
     */
    public Principal authenticate(String authorization, String requested) {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthException(401, "missing_auth", "send an environment key as 'Authorization: Bearer <key>'");
        }
        var secret = secretOf(authorization);
        if (secret == null) {
            throw new AuthException(401, "invalid_auth", "the Authorization header must be 'Bearer <environment key>'");
        }
        var key = keyOf(secret);
        var now = clock.instant();
        var refusal = refusal(key, requested, now);
        if (refusal != null) {
            throw refusal;
        }
        if (useToWrite(key, now)) {
            lastUseWritten.put(key.id(), now);
            store.touch(key.id(), now);
        }
        return principalOf(key);
    }

    /**
     * The caller, when memory alone can tell without waiting: a key looked up less than
     * {@link #CACHE_TIME} ago, usable in the environment asked for, whose last use needs no writing.
     * Empty in every other case, including every refusal: {@link #authenticateLocal} then decides,
     * with its precise error. Never blocks, so an event loop may call it.
     */
    public Optional<Principal> fromMemory(String authorization, String requested) {
        var secret = authorization == null ? null : secretOf(authorization);
        var cached = secret == null ? null : bySecret.get(secret);
        if (cached == null || System.nanoTime() - cached.fetchedAtNanos() >= CACHE_TIME.toNanos()) {
            return Optional.empty();
        }
        var key = cached.key();
        var now = clock.instant();
        return refusal(key, requested, now) == null && !useToWrite(key, now)
                ? Optional.of(principalOf(key))
                : Optional.empty();
    }

    /** The secret of a {@code Bearer <secret>} header, or null when the header is not that. */
    private static String secretOf(String authorization) {
        var parts = authorization.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") && !parts[1].isBlank() ? parts[1] : null;
    }

    /** Why the key may not be used in the environment asked for (null or blank: its own), or null. */
    private static AuthException refusal(StoredKey key, String requested, Instant now) {
        if (key.revokedAt() != null) {
            return new AuthException(
                    401,
                    "revoked_key",
                    "key '" + key.id() + "' was revoked at " + key.revokedAt() + "; ask an admin of environment '"
                            + key.environment() + "' for a new key");
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
            return new AuthException(
                    401,
                    "expired_key",
                    "key '" + key.id() + "' expired at " + key.expiresAt()
                            + "; use the key that replaced it, or ask an admin for a new one");
        }
        if (requested != null && !requested.isBlank() && !requested.equals(key.environment())) {
            return new AuthException(
                    403,
                    "wrong_environment",
                    "this key belongs to environment '" + key.environment() + "', not '" + requested + "'; use "
                            + requested + "'s own key");
        }
        return null;
    }

    /** Whether this use of the key is to be written as its last use (at most one a {@link #LAST_USED_RESOLUTION}). */
    private boolean useToWrite(StoredKey key, Instant now) {
        var written = lastUseWritten.get(key.id());
        return written == null || written.plus(LAST_USED_RESOLUTION).isBefore(now);
    }

    private static Principal principalOf(StoredKey key) {
        return new Principal(
                key.environment(), key.id(), KeyRole.fromWireName(key.role()), new HashSet<>(key.integrations()));
    }

    private StoredKey keyOf(String secret) {
        var cached = bySecret.get(secret);
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedAtNanos() < CACHE_TIME.toNanos()) {
            return cached.key();
        }
        var key = store.findBySecret(secret);
        if (key.isEmpty()) {
            bySecret.remove(secret);
            throw new AuthException(
                    401, "invalid_key", "the key is not a key of any environment; check the key you were given");
        }
        bySecret.put(secret, new Cached(key.get(), now));
        if (bySecret.size() > 10_000) {
            bySecret.entrySet().removeIf(entry -> now - entry.getValue().fetchedAtNanos() >= CACHE_TIME.toNanos());
        }
        return key.get();
    }
}
