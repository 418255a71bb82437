package io.actionport.server.demo;

import io.actionport.server.store.Json;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small issue-tracker API the server hosts in demo mode, so the demo actions have a provider
 * with no account and no network. It checks a bearer API key like a real provider would.
 */
public final class DemoIssueTracker {

    /** Where the tracker is mounted on the server. */
    public static final String PATH = "/demo-provider";

    private static final Duration BATCH_ITEM_LATENCY = Duration.ofMillis(100);

    private final String apiKey;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, ObjectNode> issues = new ConcurrentSkipListMap<>();
    private final Map<String, Long> batchItems = new ConcurrentHashMap<>();

    public DemoIssueTracker(String apiKey) {
        this.apiKey = apiKey;
    }

    public void register(HttpServerRoutes routes) {
        routes.post(
                        PATH + "/issues",
                        (request, response) -> authorized(
                                request,
                                response,
                                () -> body(request).flatMap(body -> json(response, 201, create(request, body)))))
                .get(
                        PATH + "/issues",
                        (request, response) -> authorized(request, response, () -> json(response, 200, list(request))))
                .get(
                        PATH + "/issues/{id}",
                        (request, response) -> authorized(request, response, () -> {
                            var issue = issues.get(parseId(request.param("id")));
                            return issue == null ? problem(response, 404, "no such issue") : json(response, 200, issue);
                        }))
                .put(
                        PATH + "/batches/{batch}/issues/{index}",
                        (request, response) -> authorized(
                                request,
                                response,
                                () -> body(request)
                                        .delayElement(BATCH_ITEM_LATENCY)
                                        .flatMap(body -> json(response, 200, upsert(request, body)))));
    }

    private ObjectNode create(HttpServerRequest request, JsonNode body) {
        long id = ids.incrementAndGet();
        var issue = Json.MAPPER.createObjectNode();
        issue.put("id", id);
        issue.put("title", body.path("title").asString(""));
        issue.put("body", body.path("body").isNull() ? null : body.path("body").asString(null));
        issue.put("state", "open");
        issue.put("url", "http://" + request.requestHeaders().get(HttpHeaderNames.HOST) + PATH + "/issues/" + id);
        issues.put(id, issue);
        return issue;
    }

    private ObjectNode upsert(HttpServerRequest request, JsonNode body) {
        var key = request.param("batch") + "/" + request.param("index");
        var id = batchItems.computeIfAbsent(
                key, k -> create(request, body).get("id").asLong());
        return issues.get(id);
    }

    private JsonNode list(HttpServerRequest request) {
        var params = new QueryStringDecoder(request.uri()).parameters();
        var state = params.getOrDefault("state", List.of("open")).getFirst();
        int limit = Integer.parseInt(params.getOrDefault("limit", List.of("20")).getFirst());
        var result = Json.MAPPER.createArrayNode();
        issues.values().stream()
                .sorted((a, b) -> Long.compare(b.get("id").asLong(), a.get("id").asLong()))
                .filter(issue ->
                        state.equals("all") || issue.get("state").asString().equals(state))
                .limit(limit)
                .forEach(result::add);
        return result;
    }

    private Mono<Void> authorized(
            HttpServerRequest request, HttpServerResponse response, java.util.function.Supplier<Mono<Void>> handler) {
        if (!("Bearer " + apiKey).equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
            return problem(response, 401, "invalid API key");
        }
        return handler.get();
    }

    private static Mono<JsonNode> body(HttpServerRequest request) {
        return request.receive().aggregate().asByteArray().map(Json.MAPPER::readTree);
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Mono<Void> problem(HttpServerResponse response, int status, String message) {
        return json(response, status, Json.MAPPER.createObjectNode().put("message", message));
    }

    private static Mono<Void> json(HttpServerResponse response, int status, JsonNode body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendByteArray(Mono.just(body.toString().getBytes(StandardCharsets.UTF_8)))
                .then();
    }
}
