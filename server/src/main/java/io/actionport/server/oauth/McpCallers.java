package io.actionport.server.oauth;

import io.actionport.server.auth.AuthException;
import io.actionport.server.auth.EnvironmentKeys;
import io.actionport.server.auth.Principal;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Who calls {@code /mcp}: a JWT goes to {@link AccessTokens} when OAuth is on; anything else (an
 * environment key, the local token of {@code actionport mcp}) is checked by {@link EnvironmentKeys}
 * as always. With OAuth on, every 401 carries the challenge that leads a client to the issuer.
 */
public final class McpCallers {

    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final EnvironmentKeys keys;
    private final OAuthConfig config;
    private final ProtectedResourceMetadata metadata;
    private final AccessTokens tokens;
    private final ToolScopes toolScopes;
    private final Predicate<String> environmentExists;

    /**
     * @param environmentExists whether an environment exists now (token holders' may be created later)
     * @param ownUrl this server's base URL, known once it listens
     */
    public McpCallers(
            EnvironmentKeys keys, OAuthConfig config, Predicate<String> environmentExists, Supplier<URI> ownUrl) {
        this.keys = keys;
        this.environmentExists = environmentExists;
        this.config = config;
        this.metadata = new ProtectedResourceMetadata(config, ownUrl);
        this.toolScopes = new ToolScopes(config.scopes());
        this.tokens = new AccessTokens(config, metadata::resource, toolScopes);
    }

    /** Which tools a caller may list and call. */
    public ToolScopes toolScopes() {
        return toolScopes;
    }

    /** The metadata to serve, when OAuth is on. */
    public Optional<ProtectedResourceMetadata> metadata() {
        return config.enabled() ? Optional.of(metadata) : Optional.empty();
    }

    /**
     * The caller of a request, when memory alone can tell: an environment key used a moment ago
     * (never an OAuth token). Empty otherwise; {@link #authenticate} then decides. Never blocks.
     */
    public Optional<Principal> fromMemory(String authorization, String requested) {
        if (config.enabled() && authorization != null && isJwt(schemeAndCredential(authorization))) {
            return Optional.empty();
        }
        return keys.fromMemory(authorization, requested);
    }

    /**
     * The caller of a request; blocking (the issuer's keys may be fetched).
     *
     * @param authorization the Authorization header, or null
     * @param requested the environment asked for, or null
     * @throws AuthException as {@link EnvironmentKeys#authenticateLocal} with OAuth off, or a 403
     * @throws BearerRefusal with OAuth on, for a missing or refused credential
     */
    public Principal authenticate(String authorization, String requested, SocketAddress from) {
        if (!config.enabled()) {
            return keys.authenticateLocal(authorization, requested, from);
        }
        if (authorization == null || authorization.isBlank()) {
            throw BearerRefusal.noCredential("send an OAuth access token for " + metadata.resource()
                    + " or an environment key as 'Authorization: Bearer <token>'");
        }
        var parts = schemeAndCredential(authorization);
        boolean bearer = parts.length == 2 && parts[0].equalsIgnoreCase("Bearer");
        if (bearer && isJwt(parts)) {
            return tokenCaller(parts[1], requested);
        }
        try {
            return keys.authenticateLocal(authorization, requested, from);
        } catch (AuthException e) {
            if (e.status() != 401) {
                throw e;
            }
            if (bearer && tokens.introspects()) {
                // Not a key of this server: an opaque token, which only the issuer can tell about.
                return tokenCaller(parts[1], requested);
            }
            throw BearerRefusal.invalidToken(e.getMessage());
        }
    }

    /** An Authorization header split into its scheme and its credential; one part when it has no credential. */
    private static String[] schemeAndCredential(String authorization) {
        return authorization.trim().split("\\s+", 2);
    }

    /** Whether the credential has a JWT's shape: an access token from the issuer, not a key of this server. */
    private static boolean isJwt(String[] schemeAndCredential) {
        return schemeAndCredential.length == 2
                && JWT.matcher(schemeAndCredential[1]).matches();
    }

    private Principal tokenCaller(String token, String requested) {
        var caller = tokens.callerOf(token);
        if (!environmentExists.test(caller.environment())) {
            throw new AuthException(
                    503,
                    "unknown_environment",
                    "OAuth callers act in environment '" + caller.environment()
                            + "', which does not exist; the server admin should create it or set"
                            + " --oauth-environment");
        }
        if (requested != null && !requested.isBlank() && !requested.equals(caller.environment())) {
            throw new AuthException(
                    403,
                    "wrong_environment",
                    "OAuth callers act in environment '" + caller.environment() + "', not '" + requested
                            + "'; drop the environment header or use an environment key of " + requested);
        }
        return caller;
    }

    /** The {@code WWW-Authenticate} value of a refusal. */
    public String challenge(BearerRefusal refusal) {
        return refusal.challenge(metadata.url(), metadata.scopes());
    }
}
