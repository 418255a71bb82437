package io.actionport.server.connection;

import io.actionport.sdk.ConnectionInfo;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;

/**
 * An integration and one of its connections, ready to call the provider with.
 *
 * @param integration the provider configuration
 * @param connection the connection with its credentials
 * @param credentials turns them into what a request carries, refreshing OAuth2 tokens
 */
public record ResolvedConnection(Integration integration, Connection connection, ConnectionCredentials credentials) {

    /** What an action may know of the connection: no credentials. */
    public ConnectionInfo info() {
        return new ConnectionInfo(
                connection.environment(), connection.integration(), connection.connectionId(), connection.metadata());
    }

    /** The secret values to redact from logs and recordings. */
    public Collection<String> secrets() {
        var secrets = new ArrayList<String>();
        connection.credentials().forEach((name, value) -> {
            if (!name.equals("expires_at")) {
                secrets.add(value);
            }
        });
        Optional.ofNullable(integration.oauth2())
                .map(client -> client.clientSecret())
                .ifPresent(secrets::add);
        return secrets;
    }

    /** The credentials for a request now. Blocking: it may refresh OAuth2 tokens. */
    public Credentials currentCredentials() {
        return credentials.current(this);
    }

    /** Fresh credentials after a 401 answer to a request that carried {@code used}, if the scheme has any. */
    public Optional<Credentials> credentialsAfterUnauthorized(Credentials used) {
        return credentials.afterUnauthorized(this, used);
    }

    @Override
    public String toString() {
        return "ResolvedConnection[" + integration.key() + "/" + connection.connectionId() + "]";
    }
}
