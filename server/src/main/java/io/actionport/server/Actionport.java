package io.actionport.server;

import io.actionport.server.async.AsyncExecutions;
import io.actionport.server.async.Completions;
import io.actionport.server.async.DurableQueue;
import io.actionport.server.async.GracefulStop;
import io.actionport.server.async.OrphanSweeper;
import io.actionport.server.async.Triggers;
import io.actionport.server.auth.EnvironmentKeys;
import io.actionport.server.auth.EnvironmentManagement;
import io.actionport.server.auth.KeyManagement;
import io.actionport.server.auth.LocalToken;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.connect.ConnectFlow;
import io.actionport.server.connect.ConnectSessions;
import io.actionport.server.connect.ProviderTokens;
import io.actionport.server.connection.ConnectionResolver;
import io.actionport.server.demo.DemoIssueTracker;
import io.actionport.server.demo.DemoSetup;
import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.egress.EgressPolicy;
import io.actionport.server.health.FatalErrors;
import io.actionport.server.health.Readiness;
import io.actionport.server.http.ConnectEndpoints;
import io.actionport.server.http.HealthEndpoints;
import io.actionport.server.http.HttpApi;
import io.actionport.server.http.HttpServerLimits;
import io.actionport.server.http.RequestsProxy;
import io.actionport.server.http.UnmatchedRoutes;
import io.actionport.server.job.JobClient;
import io.actionport.server.mcp.McpDoor;
import io.actionport.server.mcp.McpScopes;
import io.actionport.server.mcp.ToolRunner;
import io.actionport.server.mcp.stateless.RequestStates;
import io.actionport.server.metrics.Metrics;
import io.actionport.server.metrics.UriTemplates;
import io.actionport.server.oauth.McpCallers;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.BundleLoader;
import io.actionport.server.registry.DeploymentService;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.ExecutionEvents;
import io.actionport.server.runner.ExecutionIds;
import io.actionport.server.store.AuditStore;
import io.actionport.server.store.ConnectSessionStore;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.Database;
import io.actionport.server.store.DeploymentStore;
import io.actionport.server.store.EnvironmentStore;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.IdempotencyKeyStore;
import io.actionport.server.store.KeyStore;
import io.actionport.server.store.OwnerOnlyFiles;
import io.actionport.server.store.RunFile;
import io.actionport.server.store.SecretCipher;
import io.actionport.server.store.StoreDescription;
import io.actionport.server.store.TaskRequestStore;
import io.actionport.server.store.WebhookStore;
import io.actionport.server.webhook.EventDeliveries;
import io.actionport.server.webhook.WebhookDeliveries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A running server, and the one place where its parts are wired together: store, registry,
 * runner, durable queue, and the doors on one HTTP port.
 */
public final class Actionport implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Actionport.class);

    public static final String VERSION = "0.1.0";

    /** How often a node looks for deploys made by other processes on the same database. */
    private static final Duration DEPLOYMENT_SYNC = Duration.ofSeconds(2);

    private final Database database;
    private final EnvironmentStore environments;
    private final KeyStore keyStore;
    private final KeyManagement keyManagement;
    private final ConnectionStore connections;
    private final ExecutionStore executions;
    private final WebhookStore webhooks;
    private final ActionRegistry registry;
    private final DeploymentService deployments;
    private final ActionRunner runner;
    private final ExecutionEvents events = new ExecutionEvents();
    private final AsyncExecutions async;
    private final Triggers triggers;
    private final Completions completions;
    private final DurableQueue queue;
    private final OrphanSweeper orphans;
    private final ToolRunner toolRunner;
    private final RequestStates requestStates;
    private final TaskRequestStore taskRequests;
    private final McpDoor mcp;
    private final DisposableServer http;
    private final EgressHttpClient egressHttp;
    private final Metrics metrics;
    private final Optional<DemoSetup.DevKeys> seeded;
    private final ServerConfig config;
    /** Published in the data directory while this process holds the embedded store; null otherwise. */
    private final RunFile runFile;

    private final ScheduledExecutorService deploymentSync = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("deployment-sync").factory());

    private Actionport(ServerConfig config, String holder) {
        FatalErrors.install();
        this.config = config;
        OwnerOnlyFiles.secureDataDirectory(config.dataDir());
        var clock = config.clock();
        database = config.databaseUrl() == null
                ? Database.openEmbedded(config.dataDir())
                : Database.open(config.databaseUrl(), null, null);
        var cipher = SecretCipher.fromEnvironmentOrKeyFile(config.masterKey(), config.dataDir());
        environments = new EnvironmentStore(database, clock);
        keyStore = new KeyStore(database, clock);
        keyManagement = new KeyManagement(keyStore, clock);
        connections = new ConnectionStore(database, cipher, clock);
        executions = new ExecutionStore(database);
        webhooks = new WebhookStore(database, cipher, clock);
        var idempotencyKeys = new IdempotencyKeyStore(database, clock);
        registry = new ActionRegistry();
        deployments = new DeploymentService(
                new DeploymentStore(database, clock),
                new BundleLoader(config.dataDir().resolve("bundles"), Actionport.class.getClassLoader()),
                registry);
        deployments.restore();
        seeded = DemoSetup.seedIfEmpty(
                environments, keyManagement, connections, deployments, config.devKey(), config.devAdminKey());
        if (seeded.isEmpty() && environments.exists(DemoSetup.ENVIRONMENT)) {
            DemoSetup.adoptConfiguredKeys(keyStore, keyManagement, config.devKey(), config.devAdminKey());
        }
        if (config.devWebhookUrl() != null && environments.exists(DemoSetup.ENVIRONMENT)) {
            webhooks.set(
                    DemoSetup.ENVIRONMENT, new WebhookStore.Webhook(config.devWebhookUrl(), config.devWebhookSecret()));
        }

        var servedHere = new ConcurrentHashMap<String, URI>();
        var egress = EgressPolicy.allowing(config.egressAllow());
        egressHttp = EgressHttpClient.create(egress);
        var connectSessionStore = new ConnectSessionStore(database, cipher);
        var connectSessions = new ConnectSessions(connectSessionStore, connections, this::publicUrl, clock);
        var resolver = new ConnectionResolver(connections, servedHere, egressHttp, clock, connectSessions);
        runner = new ActionRunner(registry, resolver, executions, egressHttp, clock, new ExecutionIds(clock), events);
        metrics = new Metrics(events, executions);
        taskRequests = new TaskRequestStore(database, clock);
        var webhookDeliveries = new WebhookDeliveries(
                egressHttp,
                webhooks,
                executions,
                metrics,
                clock,
                config.async().webhookOutputLimit(),
                Duration.ofSeconds(1));
        async = new AsyncExecutions(
                runner, executions, taskRequests, config.async(), metrics, webhookDeliveries, clock);
        var eventDeliveries = new EventDeliveries(egressHttp, webhooks, clock, Duration.ofSeconds(1));
        queue = DurableQueue.start(
                database,
                config.async(),
                config.nodeName(),
                idempotencyKeys,
                clock,
                List.of(async.task(), webhookDeliveries.task(), eventDeliveries.task()));
        async.attach(queue.scheduler(), config.nodeName());
        webhookDeliveries.attach(queue.scheduler(), events);
        eventDeliveries.attach(queue.scheduler());
        var providerTokens = new ProviderTokens(egressHttp, clock);
        var auditLog = new AuditStore(database, clock, new ExecutionIds(clock));
        var connect = new ConnectEndpoints(
                connectSessions,
                new ConnectFlow(
                        connectSessions,
                        connectSessionStore,
                        connections,
                        providerTokens,
                        eventDeliveries,
                        auditLog,
                        clock),
                connections,
                providerTokens);
        completions = new Completions(events, executions);
        triggers = new Triggers(runner, async, registry, executions, idempotencyKeys);

        var localToken = LocalToken.random();
        var keys = new EnvironmentKeys(keyStore, environments, localToken, clock);
        var api = new HttpApi(
                keys,
                triggers,
                async,
                registry,
                executions,
                deployments,
                runner,
                connections,
                webhooks,
                metrics,
                new RequestsProxy(resolver, egressHttp),
                egress,
                keyManagement,
                new EnvironmentManagement(environments, keyManagement, deployments::syncFromStore),
                config.openMetrics(),
                config.limits(),
                auditLog,
                connect);
        var origins = new ArrayList<>(McpDoor.LOOPBACK_ORIGINS);
        origins.addAll(config.allowedOrigins());
        toolRunner = new ToolRunner(
                runner,
                async,
                completions,
                executions,
                taskRequests,
                config.async().syncBudget());
        requestStates = new RequestStates(cipher.derive("mcp request state"), config.clock());
        var callers = new McpCallers(keys, config.oauth(), environments::exists, this::publicUrl);
        mcp = new McpDoor(
                callers,
                toolRunner,
                registry,
                events,
                origins,
                isLoopback(config.bindAddress()) ? McpDoor.LOOPBACK_HOSTS : List.of(),
                VERSION,
                new McpScopes(registry, connections, config.limits()),
                requestStates);
        var tracker = DemoSetup.trackerKey(connections).map(DemoIssueTracker::new);
        var health = new HealthEndpoints(
                new Readiness(database.dataSource(), queue.scheduler()::getSchedulerState, Duration.ofSeconds(2)));
        // Routes chosen by a predicate have no path of their own to label their meters with.
        var uriTemplates = new UriTemplates().add(McpDoor.PATH, RequestsProxy.URI_TEMPLATE);
        http = HttpServerLimits.apply(HttpServer.create(), config.limits(), config.clock())
                .bindAddress(() -> new InetSocketAddress(config.bindAddress(), config.port()))
                .metrics(true, metrics::httpServer, uriTemplates::templateOf)
                .route(routes -> {
                    health.register(routes);
                    callers.metadata().ifPresent(metadata -> metadata.register(routes));
                    api.register(routes);
                    mcp.register(routes);
                    tracker.ifPresent(demo -> demo.register(routes));
                    uriTemplates.addRoutesOf(routes);
                    UnmatchedRoutes.register(routes, uriTemplates, McpDoor.PATH);
                })
                .bindNow(Duration.ofSeconds(10));
        if (tracker.isPresent()) {
            // The demo provider is this server itself: allowed on its own loopback port, nothing else.
            egress.allow("127.0.0.1:" + http.port());
            servedHere.put(
                    DemoSetup.ENVIRONMENT + "/" + DemoSetup.INTEGRATION,
                    URI.create("http://127.0.0.1:" + http.port() + DemoIssueTracker.PATH));
        }
        if (config.databaseUrl() == null) {
            // This process holds the embedded store alone: whoever held executions before it is dead.
            int held = executions.expireOtherNodes(config.nodeName(), Instant.EPOCH);
            if (held > 0) {
                log.info("{} executions held by the process before this one are taken over now", held);
            }
        }
        // Workers start last: queued executions from before a restart need the provider URLs above.
        queue.startWorkers();
        orphans = OrphanSweeper.start(async, clock);
        deploymentSync.scheduleWithFixedDelay(
                deployments::syncFromStore,
                DEPLOYMENT_SYNC.toMillis(),
                DEPLOYMENT_SYNC.toMillis(),
                TimeUnit.MILLISECONDS);
        OwnerOnlyFiles.tightenContents(config.dataDir());
        runFile = config.databaseUrl() == null
                ? new RunFile(holder, ProcessHandle.current().pid(), http.port(), localToken.value())
                : null;
        if (runFile != null) {
            runFile.write(config.dataDir());
        }
        log.info(
                "serving on {} (store: {}, node: {})",
                baseUrl(),
                StoreDescription.of(config.databaseUrl(), config.dataDir()),
                config.nodeName());
    }

    /** Opens the store, restores deployments, seeds demo mode on first start, and serves. */
    public static Actionport start(ServerConfig config) {
        return new Actionport(config, "serve");
    }

    /**
     * Starts as {@link #start} does, for {@code actionport mcp}: the run file names that command, so
     * a {@code serve} started later on the same data directory says who holds it.
     */
    public static Actionport startForStdio(ServerConfig config) {
        return new Actionport(config, "mcp");
    }

    public int port() {
        return http.port();
    }

    /** The base URL of the HTTP API, as a client on this machine reaches it (loopback for a wildcard bind). */
    public URI baseUrl() {
        return io.actionport.server.http.ReachableUrl.of(http.address());
    }

    /**
     * The URL clients and browsers reach this server under: {@code serve --public-url} when set,
     * else {@link #baseUrl()}. Connect links and the OAuth resource are built from it.
     */
    public URI publicUrl() {
        return config.publicUrl() != null ? config.publicUrl() : baseUrl();
    }

    /** True when the server listens on every interface, so other machines may reach it. */
    public boolean listensOnAllInterfaces() {
        return io.actionport.server.http.ReachableUrl.isWildcard(http.address());
    }

    /** True when this start created the dev environment and deployed the demo bundle. */
    public boolean seededDemo() {
        return seeded.isPresent();
    }

    /** The dev keys this start made, with their secrets; empty on every later start. */
    public Optional<DemoSetup.DevKeys> firstStartKeys() {
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

    /** The keys of every environment: to create, rotate and revoke them in-process. */
    public KeyManagement keys() {
        return keyManagement;
    }

    public ConnectionStore connections() {
        return connections;
    }

    public ExecutionStore executions() {
        return executions;
    }

    public WebhookStore webhooks() {
        return webhooks;
    }

    /** How MCP tool calls run, by mode; for the stdio door. */
    /** Signs and checks the state of multi round-trip MCP tool calls. */
    public RequestStates requestStates() {
        return requestStates;
    }

    public ToolRunner toolRunner() {
        return toolRunner;
    }

    public AsyncExecutions async() {
        return async;
    }

    public Completions completions() {
        return completions;
    }

    public ExecutionEvents events() {
        return events;
    }

    /** A client for backend jobs in this JVM: the same runner, validation, records and queue, no HTTP. */
    public JobClient jobs(String environment, String integration, String connectionId) {
        return new JobClient(runner, async, completions, environment, integration, connectionId);
    }

    /** Blocks until the server is closed, e.g. by the shutdown hook. */
    public void awaitShutdown() {
        http.onDispose().block();
    }

    /**
     * Stops gracefully: new work is refused (503 {@code shutting_down}), running executions get
     * {@code grace} to finish, then idempotent ones go back to the queue and the others end
     * {@code interrupted}; queued work stays queued for the next start or another node.
     */
    public GracefulStop.Report stop(Duration grace) {
        deploymentSync.shutdownNow();
        orphans.close();
        var report = async.drain(grace);
        log.info("stopped: {}", report);
        http.disposeNow(Duration.ofSeconds(5));
        async.close();
        queue.close();
        mcp.close();
        completions.close();
        runner.close();
        egressHttp.close();
        metrics.close();
        executions.close();
        database.close();
        if (runFile != null) {
            runFile.delete(config.dataDir());
        }
        return report;
    }

    /** Stops at once: {@link #stop} with no grace period. */
    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the bind address " + address, e);
        }
    }
}
