package io.actionport.server.metrics;

import io.actionport.server.runner.ExecutionEvents;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;

/**
 * The server's meters, scraped at {@code GET /metrics} in Prometheus format: executions by action
 * and status, queue depth, wait and run times, retries, webhook deliveries.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics(ExecutionEvents events, ExecutionStore executions) {
        Gauge.builder("actionport.queue.depth", executions, store -> store.count(ExecutionStatus.QUEUED))
                .description("Executions accepted and waiting to run")
                .register(registry);
        events.onFinished(finished -> Counter.builder("actionport.executions")
                .description("Finished executions")
                .tag("action", finished.action())
                .tag("status", finished.status().wireName())
                .tag("mode", finished.async() ? "async" : "sync")
                .register(registry)
                .increment());
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

    private Timer timer(String name, String description, String action) {
        return Timer.builder(name)
                .description(description)
                .tag("action", action)
                .publishPercentileHistogram()
                .register(registry);
    }
}
