package io.actionport.bench.scenario;

import io.actionport.bench.load.ClosedLoop;
import io.actionport.bench.load.HttpApiClient;
import io.actionport.bench.load.LoadGenerator;
import io.actionport.bench.load.McpCallException;
import io.actionport.bench.report.Names;
import io.actionport.bench.report.Row;
import io.actionport.bench.server.ActionportServer;
import io.actionport.bench.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import reactor.core.publisher.Mono;

/**
 * Scenario 3: async no-op executions ({@code echo} with {@code X-Async: true}) over the HTTP API,
 * on H2 and on PostgreSQL. Latency: clients that trigger, then poll the execution every 2 ms until
 * it finished. Sustained: clients that only trigger, while the completion counters of
 * {@code /metrics} give the executions finished per second; then the queue is left to drain. Full
 * runs repeat both with the per-connection limit raised, which the default limit's backlog hits.
 */
public final class AsyncScenario implements Scenario {

    private static final Duration POLL = Duration.ofMillis(2);
    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");
    private static final String INPUT = "{\"message\":\"hello\"}";

    @Override
    public String name() {
        return "async";
    }

    /**
     * The per-connection limit of the second pass. The first pass runs the server's defaults (a limit
     * of 16, which a backlog of one connection's executions runs into); the second shows what the
     * queue does without that limit in the way.
     */
    private static final String RAISED_LIMIT = "10000";

    @Override
    public void run(Bench bench) throws Exception {
        // Smoke runs keep to the defaults, to stay short.
        var passes = bench.settings().plan().isSmoke()
                ? List.of(Map.<String, String>of())
                : List.of(Map.<String, String>of(), Map.of("per-connection-limit", RAISED_LIMIT));
        for (var limit : passes) {
            var suffix = limit.isEmpty() ? "" : " limit " + RAISED_LIMIT;
            try (var target = bench.targets().actionport("actionport-async-h2", List.of(), limit)) {
                measure(bench, target, label(Names.H2, suffix));
            }
            try (var postgres = Postgres.start(bench.settings())) {
                bench.report().target(Names.POSTGRES, "Actionport on " + postgres.version());
                var options = new java.util.HashMap<>(limit);
                options.put("db", postgres.newDatabase("bench_async"));
                try (var target = bench.targets().actionport("actionport-async-pg", List.of(), options)) {
                    measure(bench, target, label(Names.POSTGRES, suffix));
                }
            }
        }
    }

    /** {@code actionport (h2)} or, for the second pass, {@code actionport (h2, per-connection limit 10000)}. */
    private static String label(String store, String suffix) {
        return suffix.isEmpty() ? store : store.replace(")", ", per-connection" + suffix + ")");
    }

    private static void measure(Bench bench, Target target, String store) {
        var pool = LoadGenerator.pool(256);
        try {
            var api =
                    new HttpApiClient(bench.generator().client(target.endpoint().port(), pool), ActionportServer.KEY);
            latency(bench, target, store, api);
            sustained(bench, target, store, api);
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    private static void latency(Bench bench, Target target, String store, HttpApiClient api) {
        var plan = bench.settings().plan();
        var loop = new ClosedLoop(plan.asyncWarmup(), plan.asyncMeasure(), 1_000_000);
        var serverSide = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(120), 3);
        try (var sampler = new ServerSampler(target.process())) {
            var result = loop.run(
                    plan.asyncLatencyClients(),
                    client -> api.triggerAsync("demo", "demo", "echo", INPUT)
                            .flatMap(id -> Mono.defer(() -> api.execution(id))
                                    .filter(view -> FINISHED.contains(
                                            view.path("status").asString()))
                                    .repeatWhenEmpty(25_000, polls -> polls.concatMap(i -> Mono.delay(POLL))))
                            .switchIfEmpty(Mono.error(new McpCallException("execution did not finish in time")))
                            .map(view -> {
                                if (!"succeeded".equals(view.path("status").asString())) {
                                    throw new McpCallException("execution ended " + view.path("status"));
                                }
                                if (loop.inWindow(System.nanoTime())) {
                                    var created = Instant.parse(
                                            view.path("created_at").asString());
                                    var finished = Instant.parse(
                                            view.path("finished_at").asString());
                                    serverSide.recordValue(Math.max(
                                            0,
                                            Duration.between(created, finished).toNanos()));
                                }
                                return view;
                            }),
                    sampler);
            sampler.close();
            var extra = new LinkedHashMap<String, Object>();
            extra.put("server_p50_ms", serverSide.getValueAtPercentile(50) / 1e6);
            extra.put("server_p99_ms", serverSide.getValueAtPercentile(99) / 1e6);
            extra.put("poll_ms", POLL.toMillis());
            extra.put("other_cpu_pct", sampler.otherCpu());
            if (result.firstError() != null) {
                extra.put("first_error", result.firstError());
            }
            bench.report()
                    .add(Rows.row(Names.ASYNC_LATENCY, store, plan.asyncLatencyClients(), result, sampler, extra));
        }
    }

    private static void sustained(Bench bench, Target target, String store, HttpApiClient api) {
        var plan = bench.settings().plan();
        var before = finished(api);
        var accepted = new AtomicLong();
        var atStart = new AtomicLong();
        var atEnd = new AtomicLong();
        var acceptedAtStart = new AtomicLong();
        var acceptedAtEnd = new AtomicLong();
        var sampler = new ServerSampler(target.process());
        var window = new LoadGenerator.Window() {
            @Override
            public void started() {
                acceptedAtStart.set(accepted.get());
                atStart.set(finished(api).total());
                sampler.started();
            }

            @Override
            public void ended() {
                acceptedAtEnd.set(accepted.get());
                atEnd.set(finished(api).total());
                sampler.ended();
            }
        };
        // Sustained means the steady state: a server warm from its start-up's JIT work.
        var warmup = plan.serverWarmup().compareTo(plan.asyncWarmup()) > 0 ? plan.serverWarmup() : plan.asyncWarmup();
        var loop = new ClosedLoop(warmup, plan.asyncMeasure(), 10_000_000);
        var result = loop.run(
                plan.asyncThroughputClients(),
                client -> api.triggerAsync("demo", "demo", "echo", INPUT).doOnNext(id -> accepted.incrementAndGet()),
                window);
        sampler.close();
        long drainStart = System.nanoTime();
        long deadline = drainStart + plan.drainTimeout().toNanos();
        var after = finished(api);
        while (after.total() - before.total() < accepted.get() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
            after = finished(api);
        }
        double seconds = plan.asyncMeasure().toNanos() / 1e9;
        double completedPerSecond = (atEnd.get() - atStart.get()) / seconds;
        var extra = new LinkedHashMap<String, Object>();
        extra.put("accepted_per_s", (acceptedAtEnd.get() - acceptedAtStart.get()) / seconds);
        extra.put("backlog_at_end", acceptedAtEnd.get() - (atEnd.get() - before.total()));
        extra.put("drain_s", (System.nanoTime() - drainStart) / 1e9);
        extra.put("all_finished", after.total() - before.total() >= accepted.get());
        extra.put("failed", after.failed() - before.failed());
        extra.put("latency_columns", "the 202 answer to the trigger");
        extra.put("other_cpu_pct", sampler.otherCpu());
        if (result.firstError() != null) {
            extra.put("first_error", result.firstError());
        }
        bench.report()
                .add(new Row(
                        Names.ASYNC_SUSTAINED,
                        store,
                        plan.asyncThroughputClients(),
                        seconds,
                        atEnd.get() - atStart.get(),
                        completedPerSecond,
                        result.millis(50),
                        result.millis(90),
                        result.millis(99),
                        result.maxMillis(),
                        result.errors(),
                        sampler.rssMb(),
                        sampler.heapMb(),
                        sampler.serverCpu(),
                        sampler.clientCpu(),
                        extra));
    }

    private static HttpApiClient.Finished finished(HttpApiClient api) {
        return HttpApiClient.finished(api.metrics().block(Duration.ofSeconds(30)));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
