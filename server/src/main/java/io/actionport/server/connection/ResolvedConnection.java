package io.actionport.server.connection;

import io.actionport.sdk.ConnectionInfo;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import java.util.Collection;

/**
 * An integration and one of its connections, ready to call the provider with.
 *
 * @param integration the provider configuration
 * @param connection the connection with its credentials
 */
public record ResolvedConnection(Integration integration, Connection connection) {

    /** What an action may know of the connection: no credentials. */
    public ConnectionInfo info() {
        return new ConnectionInfo(
                connection.environment(), connection.integration(), connection.connectionId(), connection.metadata());
    }

    /** The secret values to redact from logs and recordings. */
    public Collection<String> secrets() {
        return connection.credentials().values();
    }
}
