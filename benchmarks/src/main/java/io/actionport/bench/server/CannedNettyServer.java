package io.actionport.bench.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

/**
 * The loopback ceiling: a bare Reactor Netty server that reads each POST to {@code /mcp} and
 * answers with bytes prepared in advance (an initialize result, 202 for notifications, an echo
 * result for anything else). No JSON is parsed and no session exists; the ids it answers are fixed.
 */
public final class CannedNettyServer {

    static final String SESSION = "canned-session";

    private static final byte[] INITIALIZED = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"canned\","
                    + "\"version\":\"1\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] ECHOED = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
                    + "\"text\":\"{\\\"message\\\":\\\"hello\\\"}\"}],\"structuredContent\":{\"message\":\"hello\"},"
                    + "\"isError\":false}}")
            .getBytes(StandardCharsets.UTF_8);

    private CannedNettyServer() {}

    public static void main(String[] argv) {
        var server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post(
                        "/mcp",
                        (request, response) -> request.receive()
                                .aggregate()
                                .asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .flatMap(body -> {
                                    if (body.contains("notifications/")) {
                                        return response.status(HttpResponseStatus.ACCEPTED)
                                                .send()
                                                .then();
                                    }
                                    var answer = body.contains("\"initialize\"") ? INITIALIZED : ECHOED;
                                    return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                            .header("Mcp-Session-Id", SESSION)
                                            .sendByteArray(Mono.just(answer))
                                            .then();
                                })))
                .bindNow(Duration.ofSeconds(10));
        ControlChannel.serve(topic -> Map.of(), () -> server.disposeNow(Duration.ofSeconds(5)));
        ControlChannel.ready(Map.of("port", server.port()));
        server.onDispose().block();
    }
}
