package io.actionport.server.connection;

import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.ConnectionStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a connection's stored credentials into what a request carries, per the integration's auth
 * scheme, for the action client and the requests proxy alike; OAuth2 tokens are refreshed here.
 * Blocking: call it from a virtual thread, never an event loop.
 */
public final class ConnectionCredentials {

    private final OAuth2Tokens tokens;

    /**
     * @param store where refreshed tokens are written back
     * @param tokenHttp the client for token endpoints
     */
    public ConnectionCredentials(ConnectionStore store, EgressHttpClient tokenHttp, Clock clock) {
        this.tokens = new OAuth2Tokens(store, tokenHttp, clock);
    }

    /** The credentials for a request now; OAuth2 tokens that expire within a minute are refreshed first. */
    public Credentials current(ResolvedConnection target) {
        var integration = target.integration();
        var connection = target.connection();
        return switch (integration.authScheme()) {
            case NONE -> new Credentials(Map.of(), Map.of());
            case BEARER -> Credentials.header("Authorization", "Bearer " + connection.credential("token"));
            case API_KEY_HEADER -> Credentials.header(integration.authName(), connection.credential("api_key"));
            case API_KEY_QUERY ->
                new Credentials(Map.of(), Map.of(integration.authName(), connection.credential("api_key")));
            case BASIC -> {
                var pair = connection.credential("username") + ":" + connection.credential("password");
                yield Credentials.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            case OAUTH2 -> bearer(tokens.current(target).accessToken());
        };
    }

    /**
     * Fresh credentials after the provider answered 401 to {@code used}, so the request can be
     * sent once more; empty when the scheme has nothing to refresh. Concurrent callers share one
     * refresh per connection.
     */
    public Optional<Credentials> afterUnauthorized(ResolvedConnection target, Credentials used) {
        if (target.integration().authScheme() != AuthScheme.OAUTH2) {
            return Optional.empty();
        }
        var usedToken = used.headers().get("Authorization").substring("Bearer ".length());
        return Optional.of(bearer(tokens.refresh(target, usedToken).accessToken()));
    }

    private static Credentials bearer(String accessToken) {
        return Credentials.header("Authorization", "Bearer " + accessToken);
    }
}
