package io.actionport.sdk;

import java.util.Map;
import java.util.Objects;

/**
 * The connection an execution runs with, without its credentials.
 *
 * @param environment the environment, e.g. {@code dev}
 * @param integration the provider config key
 * @param connectionId the end user's connection id
 * @param metadata non-secret settings of the connection
 */
public record ConnectionInfo(
        String environment, String integration, String connectionId, Map<String, String> metadata) {

    public ConnectionInfo {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(connectionId, "connectionId");
        metadata = Map.copyOf(metadata);
    }
}
