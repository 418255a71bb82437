package io.actionport.bench.server;

import io.actionport.sdk.Action;
import io.actionport.server.Actionport;
import io.actionport.server.async.AsyncConfig;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.Integration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Actionport in demo mode for the harness, started through its public API.
 *
 * <p>Options: {@code --data-dir} (required), {@code --db} a JDBC URL, {@code --total-actions N}
 * to deploy generated no-ops until the environment has N actions, {@code --slow-provider URL} to
 * add the {@code slow} integration and its {@code wait} action, {@code --workers N} and
 * {@code --per-connection-limit N} for the durable queue. {@code /metrics} is open (the harness
 * scrapes it), and the slow provider's host is on the egress allow-list (it listens on loopback).
 */
public final class ActionportServer {

    public static final String KEY = "bench-key";
    public static final String ADMIN_KEY = "bench-admin-key";
    public static final String ENVIRONMENT = "dev";

    private ActionportServer() {}

    public static void main(String[] argv) {
        var args = Args.parse(argv);
        long started = System.nanoTime();
        var config = ServerConfig.defaults(Path.of(args.get("data-dir", "bench-data")))
                .withPort(0)
                .withDevKey(KEY)
                .withDevAdminKey(ADMIN_KEY)
                .withOpenMetrics(true);
        if (args.values().containsKey("db")) {
            config = config.withDatabaseUrl(args.get("db", null));
        }
        var slowProvider = args.get("slow-provider", null);
        if (slowProvider != null) {
            config = config.withEgressAllow(List.of(URI.create(slowProvider).getHost()));
        }
        var defaults = AsyncConfig.defaults();
        int workers = args.integer("workers", defaults.workers());
        int perConnection = args.integer("per-connection-limit", defaults.perConnectionLimit());
        config = config.withAsync(
                defaults.withWorkers(workers).withLimits(perConnection, defaults.perIntegrationRate()));
        var server = Actionport.start(config);
        long serving = System.nanoTime();

        int total = args.integer("total-actions", 0);
        int generated =
                Math.max(0, total - server.registry().actions(ENVIRONMENT).size());
        if (generated > 0) {
            var actions = new ArrayList<Action<?, ?>>();
            for (int i = 0; i < generated; i++) {
                actions.add(new NoOpAction("demo", String.format("noop-%04d", i)));
            }
            server.registry().deploy(ENVIRONMENT, new Bundle("bench-noops", "0", null, actions), List.of());
        }
        if (slowProvider != null) {
            server.connections()
                    .saveIntegration(new Integration(
                            ENVIRONMENT, SlowCallAction.INTEGRATION, URI.create(slowProvider), AuthScheme.NONE, null));
            server.connections()
                    .create(new Connection(
                            ENVIRONMENT, SlowCallAction.INTEGRATION, SlowCallAction.INTEGRATION, Map.of(), Map.of()));
            server.registry().deploy(ENVIRONMENT, Bundle.of("bench-slow", new SlowCallAction()), List.of());
        }

        ControlChannel.serve(topic -> topic.equals("executions") ? executions(server) : Map.of(), server::close);
        var facts = new LinkedHashMap<String, Object>();
        facts.put("port", server.port());
        facts.put("actions", server.registry().actions(ENVIRONMENT).size());
        facts.put("startMillis", Duration.ofNanos(serving - started).toMillis());
        facts.put("workers", workers);
        facts.put("perConnectionLimit", perConnection);
        ControlChannel.ready(facts);
        server.awaitShutdown();
    }

    private static Map<String, Object> executions(Actionport server) {
        var counts = new LinkedHashMap<String, Object>();
        for (var status : List.of(ExecutionStatus.QUEUED, ExecutionStatus.RUNNING, ExecutionStatus.SUCCEEDED)) {
            counts.put("executions_" + status.wireName(), server.executions().count(status));
        }
        return counts;
    }
}
