package io.actionport.server.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real server on 127.0.0.1 with a fresh data directory and a fresh store: demo mode in
 * {@code dev}, plus the {@code fake} integration whose provider is WireMock, and a {@code prod}
 * environment.
 */
final class TestServer implements AutoCloseable {

    /** The database a test server keeps its state in. */
    enum Store {
        /** The embedded default: an H2 file in the data directory. */
        H2,
        /** A database of its own on the shared embedded PostgreSQL. */
        POSTGRES;

        /** A JDBC URL of an empty database, or null for the embedded default. */
        String newDatabaseUrl(String purpose) {
            return this == H2 ? null : SharedPostgres.newDatabase(purpose);
        }
    }

    static final String DEV_KEY = "test-dev-key";
    static final String DEV_ADMIN_KEY = DEV_KEY; // becomes a real admin key with key roles
    static final String PROD_KEY = "test-prod-key";
    static final String FAKE_TOKEN = "s3cr3t-token-value";
    static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    final WireMockServer provider = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    final Actionport server;

    TestServer(Path dataDir) {
        this(dataDir, Store.H2);
    }

    TestServer(Path dataDir, Store store) {
        provider.start();
        server = Actionport.start(ServerConfig.defaults(dataDir)
                .withDevKey(DEV_KEY)
                .withMasterKey(MASTER_KEY)
                .withDatabaseUrl(store.newDatabaseUrl("test_server"))
                .withDevWebhook(null, null)
                .withAllowedOrigins(List.of("http://localhost:6274")));
        server.environments().create("prod", PROD_KEY);
        server.connections()
                .saveIntegration(new Integration(
                        "dev", "fake", URI.create(provider.baseUrl() + "/api"), AuthScheme.BEARER, null));
        server.connections().create(new Connection("dev", "fake", "fake-conn", Map.of("token", FAKE_TOKEN), Map.of()));
        server.registry()
                .deploy(
                        "dev",
                        Bundle.of(
                                "test",
                                new TestActions.Sleepy(),
                                new TestActions.Crashy(),
                                new TestActions.Huge(),
                                new TestActions.Liar(),
                                new TestActions.GetThing(),
                                new TestActions.FlakyRead(),
                                new TestActions.SlowWrite(),
                                new TestActions.Sometimes(),
                                new TestActions.Throttled()),
                        List.of());
    }

    URI baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.close();
        provider.stop();
    }
}
