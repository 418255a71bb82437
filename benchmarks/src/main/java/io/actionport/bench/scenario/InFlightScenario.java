package io.actionport.bench.scenario;

import io.actionport.bench.load.HttpApiClient;
import io.actionport.bench.load.LoadGenerator;
import io.actionport.bench.report.Names;
import io.actionport.bench.report.Row;
import io.actionport.bench.server.ActionportServer;
import io.actionport.bench.server.SlowCallAction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * Scenario 4: many async executions in flight at once, each waiting on a fake provider on
 * 127.0.0.1. The provider answers a call after 1 s at the earliest, and holds every call until
 * all executions have called it (at most {@link #GATE_LIMIT}), so that all are waiting on it at the
 * same moment: triggering 10,000 takes longer than one second. The server runs with a 512 MB heap
 * cap, and queue workers and a per-connection limit as high as the count (the default limit of 16
 * would let only 16 run at once); all are triggered over HTTP as fast as the server accepts them,
 * then the run waits until all finished.
 */
public final class InFlightScenario implements Scenario {

    private static final Duration PROVIDER_DELAY = Duration.ofSeconds(1);
    private static final int TRIGGER_CLIENTS = 64;
    /**
     * How long the provider holds one call at most: below the server's 30 s provider timeout, which
     * would otherwise fail the first calls when triggering all executions takes longer than that.
     */
    private static final Duration GATE_LIMIT = Duration.ofSeconds(25);

    @Override
    public String name() {
        return "inflight";
    }

    @Override
    public void run(Bench bench) {
        var plan = bench.settings().plan();
        int count = plan.inflight();
        var providerLoop = LoopResources.create("slow-provider", 1, true);
        var arrived = new AtomicLong();
        var waiting = new AtomicLong();
        var peakWaiting = new AtomicLong();
        var allArrived = Sinks.<Void>empty();
        var provider = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(providerLoop)
                .route(routes -> routes.get("/wait", (request, response) -> {
                    if (arrived.incrementAndGet() >= count) {
                        allArrived.tryEmitEmpty();
                    }
                    peakWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
                    var released = Mono.firstWithSignal(
                            allArrived.asMono(), Mono.delay(GATE_LIMIT).then());
                    return Mono.when(Mono.delay(PROVIDER_DELAY), released)
                            .doFinally(signal -> waiting.decrementAndGet())
                            .then(response.header("Content-Type", "application/json")
                                    .sendString(Mono.just("{\"ok\":true}"))
                                    .then());
                }))
                .bindNow(Duration.ofSeconds(10));
        var options = Map.of(
                "slow-provider", "http://127.0.0.1:" + provider.port(),
                "workers", String.valueOf(count),
                "per-connection-limit", String.valueOf(count));
        var pool = LoadGenerator.pool(TRIGGER_CLIENTS);
        try (var target = bench.targets().actionport("actionport-inflight", List.of("-Xmx512m"), options);
                var sampler = new ServerSampler(target.process(), "executions", Duration.ofMillis(250))) {
            bench.report()
                    .note("in-flight run: server started with -Xmx512m, " + count
                            + " queue workers and a per-connection " + "limit of " + count
                            + " (ServerConfig.withAsync); the default limit of 16 would run 16 at once");
            var api =
                    new HttpApiClient(bench.generator().client(target.endpoint().port(), pool), ActionportServer.KEY);
            var triggers = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(120), 3);
            var accepted = new AtomicLong();
            var errors = new AtomicLong();
            var firstError = new AtomicReference<String>();
            long start = System.nanoTime();
            sampler.started();
            Flux.range(0, count)
                    .flatMap(
                            i -> {
                                long t0 = System.nanoTime();
                                return api.triggerAsync(
                                                SlowCallAction.INTEGRATION,
                                                SlowCallAction.INTEGRATION,
                                                SlowCallAction.NAME,
                                                "{\"message\":\"m\"}")
                                        .doOnNext(id -> {
                                            accepted.incrementAndGet();
                                            triggers.recordValue(System.nanoTime() - t0);
                                        })
                                        .onErrorResume(e -> {
                                            errors.incrementAndGet();
                                            firstError.compareAndSet(null, e.toString());
                                            return Mono.empty();
                                        });
                            },
                            TRIGGER_CLIENTS)
                    .then()
                    .block(plan.inflightTimeout());
            double triggerSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = start + plan.inflightTimeout().toNanos();
            var done = finished(api);
            while (done.total() < accepted.get() && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(250));
                done = finished(api);
            }
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            sampler.close();
            var extra = new LinkedHashMap<String, Object>();
            extra.put("executions", count);
            extra.put("all_finished", done.succeeded() == count);
            extra.put("succeeded", done.succeeded());
            extra.put("failed", done.failed());
            extra.put("peak_waiting_on_provider", peakWaiting.get());
            extra.put("peak_running", (long) sampler.peak("executions_running"));
            extra.put("peak_queued", (long) sampler.peak("executions_queued"));
            extra.put("heap_after_gc_mb", sampler.heapAfterGcMb());
            extra.put("platform_threads_peak", (long) sampler.peak("peakThreads"));
            extra.put("trigger_s", triggerSeconds);
            extra.put("total_s", totalSeconds);
            extra.put("latency_columns", "the 202 answer to the trigger");
            extra.put("other_cpu_pct", sampler.otherCpu());
            if (firstError.get() != null) {
                extra.put("first_error", firstError.get());
            }
            bench.report()
                    .add(new Row(
                            Names.INFLIGHT,
                            Names.ACTIONPORT,
                            TRIGGER_CLIENTS,
                            totalSeconds,
                            done.succeeded(),
                            done.succeeded() / totalSeconds,
                            triggers.getValueAtPercentile(50) / 1e6,
                            triggers.getValueAtPercentile(90) / 1e6,
                            triggers.getValueAtPercentile(99) / 1e6,
                            triggers.getMaxValue() / 1e6,
                            errors.get() + done.failed(),
                            sampler.rssMb(),
                            sampler.heapMb(),
                            sampler.serverCpu(),
                            sampler.clientCpu(),
                            extra));
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
            provider.disposeNow(Duration.ofSeconds(10));
            providerLoop.disposeLater().block(Duration.ofSeconds(10));
        }
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
