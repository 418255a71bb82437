package io.actionport.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.netty.http.server.HttpServerMetricsRecorder;

/**
 * Reactor Netty's HTTP server meters, recorded into the server's own registry (not Micrometer's
 * global one, which every server of a JVM would share): {@code http_server_requests_seconds} by
 * method, status and route template, {@code http_server_errors_total} by route template, and
 * {@code http_server_connections_active}. The route template comes from {@link UriTemplates}, so
 * no label takes a value per id or per client address.
 */
public final class HttpServerMetrics implements HttpServerMetricsRecorder {

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    HttpServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("http.server.connections.active", connections, AtomicInteger::get)
                .description("HTTP connections open now")
                .register(registry);
    }

    @Override
    public void recordResponseTime(String uri, String method, String status, Duration time) {
        var knownMethod = METHODS.contains(method) ? method : "OTHER";
        requests.computeIfAbsent(
                        uri + ' ' + knownMethod + ' ' + status,
                        key -> Timer.builder("http.server.requests")
                                .description("HTTP requests, from the request line to the last byte of the response")
                                .tag("uri", uri)
                                .tag("method", knownMethod)
                                .tag("status", status)
                                .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                                .register(registry))
                .record(time);
    }

    @Override
    public void incrementErrorsCount(SocketAddress remoteAddress, String uri) {
        errors.computeIfAbsent(
                        uri,
                        key -> Counter.builder("http.server.errors")
                                .description("HTTP exchanges that ended with a connection error")
                                .tag("uri", uri)
                                .register(registry))
                .increment();
    }

    @Override
    public void recordServerConnectionOpened(SocketAddress serverAddress) {
        connections.incrementAndGet();
    }

    @Override
    public void recordServerConnectionClosed(SocketAddress serverAddress) {
        connections.decrementAndGet();
    }

    // Byte counts and partial timings would add series without telling an operator more than the
    // response time does; TLS, connect and resolve times belong to clients.

    @Override
    public void recordDataReceivedTime(String uri, String method, Duration time) {}

    @Override
    public void recordDataSentTime(String uri, String method, String status, Duration time) {}

    @Override
    public void recordDataReceived(SocketAddress remoteAddress, String uri, long bytes) {}

    @Override
    public void recordDataSent(SocketAddress remoteAddress, String uri, long bytes) {}

    @Override
    public void incrementErrorsCount(SocketAddress remoteAddress) {}

    @Override
    public void recordDataReceived(SocketAddress remoteAddress, long bytes) {}

    @Override
    public void recordDataSent(SocketAddress remoteAddress, long bytes) {}

    @Override
    public void recordTlsHandshakeTime(SocketAddress remoteAddress, Duration time, String status) {}

    @Override
    public void recordConnectTime(SocketAddress remoteAddress, Duration time, String status) {}

    @Override
    public void recordResolveAddressTime(SocketAddress remoteAddress, Duration time, String status) {}
}
