package io.actionport.server.connection;

import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.Integration;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the integration and connection an execution runs with. Found ones are cached briefly, so
 * the hot path reads and decrypts nothing; this node's own changes clear the cache at once, other
 * nodes' within the cache's lifetime.
 */
public final class ConnectionResolver {

    private static final Duration CACHE_LIFETIME = Duration.ofSeconds(5);

    private record Cached(ResolvedConnection connection, long expiresAtNanos) {}

    private final ConnectionStore store;
    private final Map<String, URI> servedHere;
    private final ConnectionCredentials credentials;
    private final ConnectLink.Maker links;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param servedHere base URLs of integrations whose provider this process hosts (the demo
     *     tracker), by {@code environment/integration}; they replace the stored base URL, which names another port
     * @param tokenHttp the client for OAuth2 token endpoints
     * @param clock tells when OAuth2 tokens expire
     * @param links makes the connect link of an end user who has not connected an integration
     */
    public ConnectionResolver(
            ConnectionStore store,
            Map<String, URI> servedHere,
            EgressHttpClient tokenHttp,
            Clock clock,
            ConnectLink.Maker links) {
        this.store = store;
        this.servedHere = servedHere;
        this.credentials = new ConnectionCredentials(store, tokenHttp, clock);
        this.links = links;
        store.onChange(cache::clear);
    }

    /**
     * The connection named {@code connectionId}, or, when none is named, the one
     * {@link ConnectionAccess#implicit} chooses; a connection the call may not use is refused as unknown.
     *
     * @param endUser the end user the call is made for, or null
     * @throws ConnectionException naming what is missing, with a connect link when the end user must connect first
     */
    public ResolvedConnection resolve(String environment, String integrationKey, String connectionId, String endUser) {
        var key = environment + "\n" + integrationKey + "\n" + (connectionId == null ? "" : connectionId) + "\n"
                + (endUser == null ? "" : endUser);
        var cached = cache.get(key);
        if (cached != null && System.nanoTime() - cached.expiresAtNanos() < 0) {
            return cached.connection();
        }
        var resolved = lookUp(environment, integrationKey, connectionId, endUser);
        cache.put(key, new Cached(resolved, System.nanoTime() + CACHE_LIFETIME.toNanos()));
        return resolved;
    }

    private ResolvedConnection lookUp(String environment, String integrationKey, String connectionId, String endUser) {
        Integration integration = store.findIntegration(environment, integrationKey)
                .map(this::servedHere)
                .orElseThrow(() -> new ConnectionException(
                        "unknown_integration",
                        "integration '" + integrationKey + "' is not configured in environment " + environment));
        if (connectionId == null || connectionId.isBlank()) {
            return switch (ConnectionAccess.implicit(endUser, integration, store.list(environment, integrationKey))) {
                case ConnectionAccess.Choice.Use use ->
                    new ResolvedConnection(integration, use.connection(), credentials);
                case ConnectionAccess.Choice.ConnectFirst connect ->
                    throw ConnectionException.connectionRequired(
                            connect.endUser(),
                            integrationKey,
                            links.create(environment, integrationKey, connect.endUser()));
                case ConnectionAccess.Choice.NameOne nameOne ->
                    throw new ConnectionException(
                            "missing_connection",
                            "name the connection to use with the Connection-Id header; integration '"
                                    + integrationKey + "' has "
                                    + (nameOne.candidates().isEmpty()
                                            ? "no connections"
                                                    + (endUser == null ? "" : " for end user '" + endUser + "'")
                                            : "connections " + nameOne.candidates()));
            };
        }
        Connection connection = store.find(environment, integrationKey, connectionId)
                .filter(found -> ConnectionAccess.mayUse(endUser, found))
                .orElseThrow(() -> new ConnectionException(
                        "unknown_connection",
                        "connection '" + connectionId + "' does not exist for integration '" + integrationKey
                                + "' in environment " + environment));
        return new ResolvedConnection(integration, connection, credentials);
    }

    private Integration servedHere(Integration integration) {
        var local = servedHere.get(integration.environment() + "/" + integration.key());
        return local == null ? integration : integration.withBaseUrl(local);
    }
}
