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
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param servedHere base URLs of integrations whose provider this process hosts (the demo
     *     tracker), by {@code environment/integration}; they replace the stored base URL, which names another port
     * @param tokenHttp the client for OAuth2 token endpoints
     * @param clock tells when OAuth2 tokens expire
     */
    public ConnectionResolver(
            ConnectionStore store, Map<String, URI> servedHere, EgressHttpClient tokenHttp, Clock clock) {
        this.store = store;
        this.servedHere = servedHere;
        this.credentials = new ConnectionCredentials(store, tokenHttp, clock);
        store.onChange(cache::clear);
    }

    /**
     * The connection named {@code connectionId}, or, when none is named, the integration's only
     * connection; naming none when there are several is an error that lists them.
     */
    public ResolvedConnection resolve(String environment, String integrationKey, String connectionId) {
        var key = environment + "\n" + integrationKey + "\n" + (connectionId == null ? "" : connectionId);
        var cached = cache.get(key);
        if (cached != null && System.nanoTime() - cached.expiresAtNanos() < 0) {
            return cached.connection();
        }
        var resolved = lookUp(environment, integrationKey, connectionId);
        cache.put(key, new Cached(resolved, System.nanoTime() + CACHE_LIFETIME.toNanos()));
        return resolved;
    }

    private ResolvedConnection lookUp(String environment, String integrationKey, String connectionId) {
        Integration integration = store.findIntegration(environment, integrationKey)
                .map(this::servedHere)
                .orElseThrow(() -> new ConnectionException(
                        "unknown_integration",
                        "integration '" + integrationKey + "' is not configured in environment " + environment));
        if (connectionId == null || connectionId.isBlank()) {
            var all = store.list(environment, integrationKey);
            if (all.size() != 1) {
                throw new ConnectionException(
                        "missing_connection",
                        "name the connection to use with the Connection-Id header; integration '" + integrationKey
                                + "' has "
                                + (all.isEmpty()
                                        ? "no connections"
                                        : "connections "
                                                + all.stream()
                                                        .map(Connection::connectionId)
                                                        .toList()));
            }
            return new ResolvedConnection(integration, all.getFirst(), credentials);
        }
        Connection connection = store.find(environment, integrationKey, connectionId)
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
