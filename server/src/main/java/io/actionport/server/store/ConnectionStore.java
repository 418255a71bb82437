package io.actionport.server.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Integrations and connections of each environment; credentials are stored encrypted. */
public final class ConnectionStore {

    private final Jdbc jdbc;
    private final SecretCipher cipher;
    private final Clock clock;
    private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ConnectionStore(Database database, SecretCipher cipher, Clock clock) {
        this.jdbc = new Jdbc(database.dataSource());
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Runs {@code listener} after every change this store makes, e.g. to clear a cache. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }

    /** Creates or replaces an integration's configuration. */
    public void saveIntegration(Integration integration) {
        var oauth2 = integration.oauth2();
        var tokenUrl = oauth2 == null ? null : oauth2.tokenUrl().toString();
        var clientId = oauth2 == null ? null : oauth2.clientId();
        var secret = oauth2 == null || oauth2.clientSecret() == null ? null : cipher.encrypt(oauth2.clientSecret());
        var authorizationUrl = oauth2 == null || oauth2.authorizationUrl() == null
                ? null
                : oauth2.authorizationUrl().toString();
        var scopes = oauth2 == null || oauth2.scopes().isEmpty() ? null : String.join(" ", oauth2.scopes());
        var revocationUrl = oauth2 == null || oauth2.revocationUrl() == null
                ? null
                : oauth2.revocationUrl().toString();
        jdbc.inTransaction(connection -> {
            int updated = Jdbc.update(
                    connection,
                    "UPDATE integrations SET base_url = ?, auth_scheme = ?, auth_name = ?, token_url = ?, "
                            + "client_id = ?, client_secret_cipher = ?, authorization_url = ?, scopes = ?, "
                            + "revocation_url = ? WHERE environment = ? AND integration_key = ?",
                    integration.baseUrl().toString(),
                    integration.authScheme().name(),
                    integration.authName(),
                    tokenUrl,
                    clientId,
                    secret,
                    authorizationUrl,
                    scopes,
                    revocationUrl,
                    integration.environment(),
                    integration.key());
            if (updated == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO integrations (environment, integration_key, base_url, auth_scheme, auth_name, "
                                + "token_url, client_id, client_secret_cipher, authorization_url, scopes, "
                                + "revocation_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        integration.environment(),
                        integration.key(),
                        integration.baseUrl().toString(),
                        integration.authScheme().name(),
                        integration.authName(),
                        tokenUrl,
                        clientId,
                        secret,
                        authorizationUrl,
                        scopes,
                        revocationUrl,
                        clock.instant());
            }
            return null;
        });
        changed();
    }

    public Optional<Integration> findIntegration(String environment, String key) {
        return jdbc.queryOne(
                "SELECT * FROM integrations WHERE environment = ? AND integration_key = ?",
                this::integration,
                environment,
                key);
    }

    public List<Integration> integrations(String environment) {
        return jdbc.query(
                "SELECT * FROM integrations WHERE environment = ? ORDER BY integration_key",
                this::integration,
                environment);
    }

    /** Creates a connection; an existing one with the same id is an error, not a replacement. */
    public void create(Connection connection) {
        if (find(connection.environment(), connection.integration(), connection.connectionId())
                .isPresent()) {
            throw new DuplicateException("connection '" + connection.connectionId() + "' of integration '"
                    + connection.integration() + "' already exists in " + connection.environment()
                    + "; delete it first to replace its credentials");
        }
        var now = clock.instant();
        jdbc.update(
                "INSERT INTO connections (environment, integration, connection_id, credentials_cipher, metadata, "
                        + "end_user, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                connection.environment(),
                connection.integration(),
                connection.connectionId(),
                cipher.encrypt(Json.write(connection.credentials())),
                Json.write(connection.metadata()),
                connection.endUser(),
                now,
                now);
        changed();
    }

    public Optional<Connection> find(String environment, String integration, String connectionId) {
        return jdbc.queryOne(
                "SELECT * FROM connections WHERE environment = ? AND integration = ? AND connection_id = ?",
                this::connection,
                environment,
                integration,
                connectionId);
    }

    /** The connections of one integration, or of all when {@code integration} is null. */
    public List<Connection> list(String environment, String integration) {
        if (integration == null) {
            return jdbc.query(
                    "SELECT * FROM connections WHERE environment = ? ORDER BY integration, connection_id",
                    this::connection,
                    environment);
        }
        return jdbc.query(
                "SELECT * FROM connections WHERE environment = ? AND integration = ? ORDER BY connection_id",
                this::connection,
                environment,
                integration);
    }

    /** The connections of one integration that {@code endUser} owns. */
    public List<Connection> ownedBy(String environment, String integration, String endUser) {
        return jdbc.query(
                "SELECT * FROM connections WHERE environment = ? AND integration = ? AND end_user = ? "
                        + "ORDER BY connection_id",
                this::connection,
                environment,
                integration,
                endUser);
    }

    /**
     * Replaces a connection's credentials, e.g. rotated by its owner or refreshed OAuth2 tokens;
     * false when there is no such connection.
     */
    public boolean updateCredentials(
            String environment, String integration, String connectionId, Map<String, String> credentials) {
        boolean updated = jdbc.update(
                        "UPDATE connections SET credentials_cipher = ?, updated_at = ? "
                                + "WHERE environment = ? AND integration = ? AND connection_id = ?",
                        cipher.encrypt(Json.write(credentials)),
                        clock.instant(),
                        environment,
                        integration,
                        connectionId)
                > 0;
        changed();
        return updated;
    }

    public boolean delete(String environment, String integration, String connectionId) {
        boolean deleted = jdbc.update(
                        "DELETE FROM connections WHERE environment = ? AND integration = ? AND connection_id = ?",
                        environment,
                        integration,
                        connectionId)
                > 0;
        changed();
        return deleted;
    }

    private Integration integration(ResultSet row) throws SQLException {
        var tokenUrl = row.getString("token_url");
        var secret = row.getString("client_secret_cipher");
        var authorizationUrl = row.getString("authorization_url");
        var scopes = row.getString("scopes");
        var revocationUrl = row.getString("revocation_url");
        return new Integration(
                row.getString("environment"),
                row.getString("integration_key"),
                URI.create(row.getString("base_url")),
                AuthScheme.valueOf(row.getString("auth_scheme")),
                row.getString("auth_name"),
                tokenUrl == null
                        ? null
                        : new OAuth2Client(
                                URI.create(tokenUrl),
                                row.getString("client_id"),
                                secret == null ? null : cipher.decrypt(secret),
                                authorizationUrl == null ? null : URI.create(authorizationUrl),
                                scopes == null ? List.of() : List.of(scopes.split(" ")),
                                revocationUrl == null ? null : URI.create(revocationUrl)));
    }

    private Connection connection(ResultSet row) throws SQLException {
        return new Connection(
                row.getString("environment"),
                row.getString("integration"),
                row.getString("connection_id"),
                Json.readStringMap(cipher.decrypt(row.getString("credentials_cipher"))),
                Json.readStringMap(row.getString("metadata")),
                row.getString("end_user"));
    }
}
