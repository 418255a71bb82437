package io.actionport.server.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.actionport.server.Actionport;
import io.actionport.server.auth.KeyRole;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.http.DoorLimits;
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

    /** The dev caller key: MCP, trigger, its own executions. */
    static final String DEV_KEY = "test-dev-key";
    /** The dev admin key: deploy, dryrun, connections, webhooks, keys, metrics. */
    static final String DEV_ADMIN_KEY = "test-dev-admin-key";
    /** prod's admin key. */
    static final String PROD_KEY = "test-prod-key";
    /** prod's caller key. */
    static final String PROD_CALLER_KEY = "test-prod-caller-key";

    static final String FAKE_TOKEN = "s3cr3t-token-value";
    static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    final WireMockServer provider = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    final Actionport server;

    TestServer(Path dataDir) {
        this(dataDir, Store.H2);
    }

    TestServer(Path dataDir, Store store) {
        this(dataDir, store, List.of(), DoorLimits.defaults());
    }

    /** @param egressAllow destinations besides the WireMock provider that the server may call, e.g. other fakes */
    TestServer(Path dataDir, Store store, List<String> egressAllow) {
        this(dataDir, store, egressAllow, DoorLimits.defaults());
    }

    TestServer(Path dataDir, DoorLimits limits) {
        this(dataDir, Store.H2, List.of(), limits);
    }

    private TestServer(Path dataDir, Store store, List<String> egressAllow, DoorLimits limits) {
        provider.start();
        server = Actionport.start(ServerConfig.defaults(dataDir)
                .withLimits(limits)
                .withDevKey(DEV_KEY)
                .withDevAdminKey(DEV_ADMIN_KEY)
                .withMasterKey(MASTER_KEY)
                .withDatabaseUrl(store.newDatabaseUrl("test_server"))
                .withDevWebhook(null, null)
                .withEgressAllow(List.of("127.0.0.1:" + provider.port()))
                .withEgressAllow(egressAllow)
                .withAllowedOrigins(List.of("http://localhost:6274")));
        createEnvironment(server, "prod", PROD_KEY, PROD_CALLER_KEY);
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
                                new TestActions.Stubborn(),
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

    /** Creates an environment with an admin key and a caller key of the given secrets. */
    static void createEnvironment(Actionport server, String name, String adminKey, String callerKey) {
        server.environments().create(name);
        server.keys().register(name, KeyRole.ADMIN, adminKey, "test admin key", List.of(), null);
        server.keys().register(name, KeyRole.CALLER, callerKey, "test caller key", List.of(), null);
    }

    /**
     * Deploys in dev a bundle whose actions call no provider, with the integration configuration and
     * the connection the runner needs to resolve one (its base URL points at a port nothing serves).
     */
    void deployWithoutProvider(String integration, String connectionId, Bundle bundle) {
        server.connections()
                .saveIntegration(
                        new Integration("dev", integration, URI.create("http://127.0.0.1:9"), AuthScheme.NONE, null));
        server.connections().create(new Connection("dev", integration, connectionId, Map.of(), Map.of()));
        server.registry().deploy("dev", bundle, List.of());
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
