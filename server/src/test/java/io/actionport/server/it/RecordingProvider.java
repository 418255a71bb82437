package io.actionport.server.it;

import com.sun.net.httpserver.HttpServer;
import io.actionport.server.store.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A provider in the test JVM, so it outlives a killed server process: it records every request
 * it receives (method, and the execution id and kind in the JSON body) the moment the request
 * arrives, then answers after a configurable delay.
 */
final class RecordingProvider implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String method, String executionId, String kind) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    private RecordingProvider(HttpServer server) {
        this.server = server;
    }

    static RecordingProvider start() throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        var provider = new RecordingProvider(server);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var json = body.isBlank() ? null : Json.MAPPER.readTree(body);
            provider.received.add(new Received(
                    exchange.getRequestMethod(),
                    json == null ? null : json.path("execution_id").asString(),
                    json == null ? null : json.path("kind").asString()));
            try {
                Thread.sleep(provider.delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            var answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return provider;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answerAfter(Duration delay) {
        this.delay = delay;
    }

    int count() {
        return received.size();
    }

    /** How many requests arrived per execution id, for requests of the given kind. */
    Map<String, Long> requestsPerExecution(String kind) {
        return received.stream()
                .filter(request -> kind.equals(request.kind()))
                .collect(Collectors.groupingBy(Received::executionId, ConcurrentHashMap::new, Collectors.counting()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
