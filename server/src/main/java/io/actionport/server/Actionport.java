package io.actionport.server;

import io.actionport.server.auth.EnvironmentKeys;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.connection.ConnectionResolver;
import io.actionport.server.connection.ProviderHttpClient;
import io.actionport.server.demo.DemoIssueTracker;
import io.actionport.server.demo.DemoSetup;
import io.actionport.server.http.HttpApi;
import io.actionport.server.job.JobClient;
import io.actionport.server.mcp.McpDoor;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.BundleLoader;
import io.actionport.server.registry.DeploymentService;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.ExecutionIds;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.Database;
import io.actionport.server.store.DeploymentStore;
import io.actionport.server.store.EnvironmentStore;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.SecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A running server, and the one place where its parts are wired together: store, registry,
 * runner, and the doors on one HTTP port.
 */
public final class Actionport implements AutoCloseable {

    public static final String VERSION = "0.1.0";

    private final Database database;
    private final EnvironmentStore environments;
    private final ConnectionStore connections;
    private final ExecutionStore executions;
    private final ActionRegistry registry;
    private final DeploymentService deployments;
    private final ActionRunner runner;
    private final McpDoor mcp;
    private final DisposableServer http;
    private final boolean seeded;

    private Actionport(ServerConfig config) {
        createDirectories(config);
        var clock = config.clock();
        database = Database.open(
                config.databaseUrl() == null ? Database.embeddedUrl(config.dataDir()) : config.databaseUrl(),
                null,
                null);
        var cipher = SecretCipher.fromEnvironmentOrKeyFile(config.masterKey(), config.dataDir());
        environments = new EnvironmentStore(database, cipher, clock);
        connections = new ConnectionStore(database, cipher, clock);
        executions = new ExecutionStore(database);
        registry = new ActionRegistry();
        deployments = new DeploymentService(
                new DeploymentStore(database, clock),
                new BundleLoader(config.dataDir().resolve("bundles"), Actionport.class.getClassLoader()),
                registry);
        deployments.restore();
        seeded = DemoSetup.seedIfEmpty(environments, connections, deployments, config.devKey());

        var servedHere = new ConcurrentHashMap<String, URI>();
        runner = new ActionRunner(
                registry,
                new ConnectionResolver(connections, servedHere),
                executions,
                ProviderHttpClient.sharedHttpClient(),
                clock,
                new ExecutionIds(clock));
        var keys = new EnvironmentKeys(environments);
        var api = new HttpApi(keys, runner, registry, executions, deployments, connections);
        var origins = new java.util.ArrayList<>(McpDoor.LOOPBACK_ORIGINS);
        origins.addAll(config.allowedOrigins());
        mcp = new McpDoor(
                keys,
                runner,
                registry,
                origins,
                isLoopback(config.bindAddress()) ? McpDoor.LOOPBACK_HOSTS : List.of(),
                VERSION);
        var tracker = DemoSetup.trackerKey(connections).map(DemoIssueTracker::new);
        http = HttpServer.create()
                .bindAddress(() -> new InetSocketAddress(config.bindAddress(), config.port()))
                .idleTimeout(Duration.ofMinutes(5))
                .route(routes -> {
                    api.register(routes);
                    mcp.register(routes);
                    tracker.ifPresent(demo -> demo.register(routes));
                })
                .bindNow(Duration.ofSeconds(10));
        if (tracker.isPresent()) {
            servedHere.put(
                    DemoSetup.INTEGRATION, URI.create("http://127.0.0.1:" + http.port() + DemoIssueTracker.PATH));
        }
    }

    /** Opens the store, restores deployments, seeds demo mode on first start, and serves. */
    public static Actionport start(ServerConfig config) {
        return new Actionport(config);
    }

    public int port() {
        return http.port();
    }

    /** The base URL of the HTTP API. */
    public URI baseUrl() {
        return URI.create("http://" + http.host() + ":" + http.port());
    }

    /** True when this start created the dev environment and deployed the demo bundle. */
    public boolean seededDemo() {
        return seeded;
    }

    public ActionRunner runner() {
        return runner;
    }

    public ActionRegistry registry() {
        return registry;
    }

    public DeploymentService deployments() {
        return deployments;
    }

    public EnvironmentStore environments() {
        return environments;
    }

    public ConnectionStore connections() {
        return connections;
    }

    public ExecutionStore executions() {
        return executions;
    }

    /** A client for backend jobs in this JVM: the same runner, validation and records, no HTTP. */
    public JobClient jobs(String environment, String integration, String connectionId) {
        return new JobClient(runner, environment, integration, connectionId);
    }

    /** Blocks until the server is closed, e.g. by the shutdown hook. */
    public void awaitShutdown() {
        http.onDispose().block();
    }

    @Override
    public void close() {
        http.disposeNow(Duration.ofSeconds(5));
        mcp.close();
        runner.close();
        database.close();
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the bind address " + address, e);
        }
    }

    private static void createDirectories(ServerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
    }
}
