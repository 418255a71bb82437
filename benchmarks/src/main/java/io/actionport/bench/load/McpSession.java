package io.actionport.bench.load;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One MCP session over Streamable HTTP as a client holds it: {@code initialize} and
 * {@code notifications/initialized} once, then requests that carry the session id and protocol
 * version. Answers may come as JSON or as an SSE stream; both are parsed the same way.
 */
public final class McpSession {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROTOCOL = "2025-06-18";

    private final HttpClient http;
    private final Endpoint endpoint;
    private final AtomicLong ids = new AtomicLong(1);

    private McpSession(HttpClient http, Endpoint endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    /** Opens a session: initialize, then the initialized notification. */
    public static Mono<McpSession> open(HttpClient base, Endpoint endpoint) {
        var plain = base.headers(headers -> {
            endpoint.headers().forEach(headers::set);
            headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            headers.set(HttpHeaderNames.ACCEPT, "application/json, text/event-stream");
        });
        var initialize =
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + PROTOCOL
                        + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"actionport-bench\",\"version\":\"1\"}}}";
        return post(plain, endpoint.path(), initialize).flatMap(answer -> {
            var result = result(answer, 0, endpoint.cannedIds());
            var version = result.path("protocolVersion").asString(PROTOCOL);
            var sessionId = answer.sessionId();
            var session = plain.headers(headers -> {
                if (sessionId != null) {
                    headers.set("Mcp-Session-Id", sessionId);
                }
                headers.set("MCP-Protocol-Version", version);
            });
            return post(session, endpoint.path(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                    .flatMap(ack -> ack.status() / 100 == 2
                            ? Mono.just(new McpSession(session, endpoint))
                            : Mono.error(new McpCallException("notifications/initialized answered " + ack.status())));
        });
    }

    /**
     * Sends one request and returns its {@code result}; fails with {@link McpCallException} on an
     * HTTP error, a JSON-RPC error, or a tool result marked {@code isError}.
     *
     * @param paramsJson the {@code params} object as JSON text
     */
    public Mono<JsonNode> request(String method, String paramsJson) {
        long id = ids.getAndIncrement();
        var body =
                "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        return post(http, endpoint.path(), body).map(answer -> {
            var result = result(answer, id, endpoint.cannedIds());
            if (result.path("isError").asBoolean(false)) {
                throw new McpCallException(method + " returned a tool error: " + abbreviate(result.toString()));
            }
            return result;
        });
    }

    /** Ends the session (DELETE); failures are ignored, the server may not support it. */
    public Mono<Void> close() {
        return http.delete().uri(endpoint.path()).response().then().onErrorResume(e -> Mono.empty());
    }

    private record Answer(int status, String contentType, String sessionId, String body) {}

    private static Mono<Answer> post(HttpClient http, String path, String body) {
        return http.post()
                .uri(path)
                .send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> new Answer(
                                response.status().code(),
                                response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE),
                                response.responseHeaders().get("Mcp-Session-Id"),
                                text)));
    }

    private static JsonNode result(Answer answer, long id, boolean cannedIds) {
        if (answer.status() != 200) {
            throw new McpCallException("HTTP " + answer.status() + ": " + abbreviate(answer.body()));
        }
        var message = message(answer, id, cannedIds);
        if (message.has("error")) {
            throw new McpCallException(
                    "JSON-RPC error: " + abbreviate(message.get("error").toString()));
        }
        if (!message.has("result")) {
            throw new McpCallException("answer without a result: " + abbreviate(message.toString()));
        }
        return message.get("result");
    }

    /** The JSON-RPC response to request {@code id}, from a JSON body or from the data lines of an SSE stream. */
    private static JsonNode message(Answer answer, long id, boolean cannedIds) {
        var contentType = answer.contentType() == null ? "" : answer.contentType();
        if (!contentType.startsWith("text/event-stream")) {
            return checked(JSON.readTree(answer.body()), id, cannedIds);
        }
        var data = new StringBuilder();
        for (var line : answer.body().split("\n", -1)) {
            var trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (trimmed.startsWith("data:")) {
                data.append(trimmed.substring(5).stripLeading());
            } else if (trimmed.isEmpty() && !data.isEmpty()) {
                var event = JSON.readTree(data.toString());
                data.setLength(0);
                if (event.has("id") && (cannedIds || event.get("id").asLong() == id)) {
                    return event;
                }
            }
        }
        if (!data.isEmpty()) {
            return checked(JSON.readTree(data.toString()), id, cannedIds);
        }
        throw new McpCallException(
                "no response to request " + id + " in the event stream: " + abbreviate(answer.body()));
    }

    private static JsonNode checked(JsonNode message, long id, boolean cannedIds) {
        if (!cannedIds && message.path("id").asLong(-1) != id) {
            throw new McpCallException("answer to id " + message.path("id") + ", expected " + id);
        }
        return message;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
