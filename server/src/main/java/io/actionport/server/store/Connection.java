package io.actionport.server.store;

import java.util.Map;
import java.util.Objects;

/**
 * One end user's credentials for one integration in one environment.
 *
 * @param environment the environment
 * @param integration the provider config key
 * @param connectionId the connection id callers name
 * @param credentials secret values, e.g. {@code api_key}; never shown to actions or callers
 * @param metadata non-secret settings actions may read
 * @param endUser the end user who owns it, or {@code null} for a connection any caller may name
 */
public record Connection(
        String environment,
        String integration,
        String connectionId,
        Map<String, String> credentials,
        Map<String, String> metadata,
        String endUser) {

    public Connection {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(connectionId, "connectionId");
        credentials = Map.copyOf(credentials);
        metadata = Map.copyOf(metadata);
    }

    /** A connection no end user owns. */
    public Connection(
            String environment,
            String integration,
            String connectionId,
            Map<String, String> credentials,
            Map<String, String> metadata) {
        this(environment, integration, connectionId, credentials, metadata, null);
    }

    /** True when an end user owns it. */
    public boolean isOwned() {
        return endUser != null;
    }

    /** A credential value, or an error naming what the connection lacks. */
    public String credential(String name) {
        var value = credentials.get(name);
        if (value == null) {
            throw new IllegalStateException(
                    "connection " + connectionId + " of " + integration + " has no '" + name + "' credential");
        }
        return value;
    }

    @Override
    public String toString() {
        // Never print credentials, not even by accident in a log line.
        return "Connection[" + environment + "/" + integration + "/" + connectionId + "]";
    }
}
