package io.actionport.bench.load;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/** The parts of Actionport's HTTP API the async scenarios use: trigger, execution view, metrics. */
public final class HttpApiClient {

    private final HttpClient http;

    /** @param http a client for the server, e.g. from {@link LoadGenerator#client} */
    public HttpApiClient(HttpClient http, String key) {
        this.http = http.headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key));
    }

    /** Triggers an async execution ({@code X-Async: true}) and returns its id once accepted (202). */
    public Mono<String> triggerAsync(String integration, String connection, String action, String inputJson) {
        var body = "{\"action_name\":\"" + action + "\",\"input\":" + inputJson + "}";
        return http.headers(headers -> headers.set("Provider-Config-Key", integration)
                        .set("Connection-Id", connection)
                        .set("X-Async", "true")
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
                .post()
                .uri("/action/trigger")
                .send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> {
                            if (response.status().code() != 202) {
                                throw new McpCallException(
                                        "trigger answered " + response.status().code() + ": " + text);
                            }
                            return McpSession.JSON.readTree(text).path("id").asString();
                        }));
    }

    /** {@code GET /executions/{id}}. */
    public Mono<JsonNode> execution(String id) {
        return http.get()
                .uri("/executions/" + id)
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> {
                            if (response.status().code() != 200) {
                                throw new McpCallException("execution view answered "
                                        + response.status().code());
                            }
                            return McpSession.JSON.readTree(text);
                        }));
    }

    /** The Prometheus scrape of {@code GET /metrics}. */
    public Mono<String> metrics() {
        return http.get()
                .uri("/metrics")
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8));
    }

    /** Async executions finished so far, by the {@code actionport_executions_total} counters. */
    public static Finished finished(String scrape) {
        long succeeded = 0;
        long failed = 0;
        for (var line : scrape.split("\n")) {
            if (line.startsWith("actionport_executions_total{") && line.contains("mode=\"async\"")) {
                long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.contains("status=\"succeeded\"")) {
                    succeeded += value;
                } else {
                    failed += value;
                }
            }
        }
        return new Finished(succeeded, failed);
    }

    /** Finished async executions: succeeded, and failed or cancelled. */
    public record Finished(long succeeded, long failed) {
        public long total() {
            return succeeded + failed;
        }
    }
}
