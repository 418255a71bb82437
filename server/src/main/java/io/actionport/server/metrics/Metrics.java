package io.actionport.server.metrics;

import io.actionport.server.runner.ExecutionEvents;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's meters, scraped at {@code GET /metrics} in Prometheus format: executions by action
 * and status, their latency, queue depth, wait and run times, retries, webhook deliveries, the
 * HTTP server, the JVM and the process.
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final HttpServerMetrics httpServer = new HttpServerMetrics(registry);
    /** The meters of each way a call ends: built once each, not on every call. */
    private final Map<Outcome, OutcomeMeters> outcomes = new ConcurrentHashMap<>();

    public Metrics(ExecutionEvents events, ExecutionStore executions) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("actionport.queue.depth", executions, store -> store.count(ExecutionStatus.QUEUED))
                .description("Executions accepted and waiting to run")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "actionport.store.flushes", executions, ExecutionStore::flushes)
                .description("Durable flushes of the store (H2 checkpoints, PostgreSQL WAL flushes): fewer than "
                        + "durable writes when group commit shares them")
                .register(registry);
        events.onFinished(finished -> {
            var meters = outcomes.computeIfAbsent(
                    new Outcome(finished.action(), finished.status().wireName(), finished.async() ? "async" : "sync"),
                    this::metersOf);
            meters.executions().increment();
            meters.duration().record(finished.elapsed());
        });
    }

    /** How executions of one action ended, and how: the tags of their meters. */
    private record Outcome(String action, String status, String mode) {}

    private record OutcomeMeters(Counter executions, Timer duration) {}

    private OutcomeMeters metersOf(Outcome outcome) {
        return new OutcomeMeters(
                Counter.builder("actionport.executions")
                        .description("Finished executions")
                        .tag("action", outcome.action())
                        .tag("status", outcome.status())
                        .tag("mode", outcome.mode())
                        .register(registry),
                Timer.builder("actionport.execution.duration")
                        .description("Time from acceptance to the final status: the whole run of a sync execution,"
                                + " queue wait and every attempt of an async one")
                        .tag("mode", outcome.mode())
                        .tag("status", outcome.status())
                        .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                        .register(registry));
    }

    /** Reactor Netty's recorder for the HTTP port. */
    public HttpServerMetrics httpServer() {
        return httpServer;
    }

    /** An async execution started after waiting in the queue since it was accepted. */
    public void started(String action, Instant acceptedAt, Instant startedAt) {
        timer("actionport.execution.wait", "Time from acceptance to the start of the first attempt", action)
                .record(Duration.between(acceptedAt, startedAt));
    }

    /** One attempt ran for {@code elapsed}. */
    public void ran(String action, Duration elapsed) {
        timer("actionport.execution.run", "Time one attempt ran", action).record(elapsed);
    }

    public void retried(String action) {
        Counter.builder("actionport.execution.retries")
                .description("Attempts that failed transiently and were scheduled again")
                .tag("action", action)
                .register(registry)
                .increment();
    }

    public void webhookDelivery(String outcome) {
        Counter.builder("actionport.webhook.deliveries")
                .description("Completion webhook delivery attempts")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** The scrape body. */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops listening for garbage collections. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private Timer timer(String name, String description, String action) {
        return Timer.builder(name)
                .description(description)
                .tag("action", action)
                .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                .register(registry);
    }
}
