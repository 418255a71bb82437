package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A real MCP server on a loopback port: the transport under test shares its {@code HttpServer} with
 * a {@code /health} route, as it will in production.
 */
final class McpTestServer implements AutoCloseable {

    static final McpJsonMapper JSON = McpJsonDefaults.getMapper();

    private final ReactorNettyStreamableServerTransportProvider provider;
    private final McpAsyncServer server;
    private final DisposableServer http;

    private McpTestServer(ReactorNettyStreamableServerTransportProvider provider) {
        this.provider = provider;
        this.server = McpServer.async(provider)
                .serverInfo("transport-test", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(true)
                        .logging()
                        .build())
                .tools(
                        tool(
                                "echo",
                                (exchange, call) ->
                                        text(String.valueOf(call.arguments().get("text")))),
                        tool("announce", McpTestServer::announce),
                        tool("whoami", McpTestServer::whoami),
                        tool("session", (exchange, call) -> text(exchange.sessionId())),
                        tool("slow", McpTestServer::slow))
                .build();
        this.http = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> provider.register(
                        routes.get("/health", (request, response) -> response.sendString(Mono.just("ok")))))
                .bindNow();
    }

    static McpTestServer start() {
        return start(builder -> builder);
    }

    static McpTestServer start(UnaryOperator<ReactorNettyStreamableServerTransportProvider.Builder> customizer) {
        return new McpTestServer(customizer
                .apply(ReactorNettyStreamableServerTransportProvider.builder(JSON)
                        .contextExtractor(McpTestServer::connectionId))
                .build());
    }

    ReactorNettyStreamableServerTransportProvider provider() {
        return provider;
    }

    McpAsyncServer server() {
        return server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    @Override
    public void close() {
        server.closeGracefully().block();
        http.disposeNow();
    }

    private static McpTransportContext connectionId(HttpServerRequest request) {
        String connectionId = request.requestHeaders().get("Connection-Id");
        return connectionId == null
                ? McpTransportContext.EMPTY
                : McpTransportContext.create(Map.of("Connection-Id", connectionId));
    }

    /** Sends a log message before the result, which makes the answer an SSE stream. */
    private static Mono<McpSchema.CallToolResult> announce(
            McpAsyncServerExchange exchange, McpSchema.CallToolRequest call) {
        return exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                        .level(McpSchema.LoggingLevel.INFO)
                        .data("working on it")
                        .build())
                .then(text("done"));
    }

    private static Mono<McpSchema.CallToolResult> slow(
            McpAsyncServerExchange exchange, McpSchema.CallToolRequest call) {
        long millis = ((Number) call.arguments().get("millis")).longValue();
        return Mono.delay(Duration.ofMillis(millis)).then(text("slept " + millis));
    }

    private static Mono<McpSchema.CallToolResult> whoami(
            McpAsyncServerExchange exchange, McpSchema.CallToolRequest call) {
        McpTransportContext context = exchange.transportContext();
        return text("connection=" + context.get("Connection-Id") + " principal=" + context.get("principal"));
    }

    private static AsyncToolSpecification tool(
            String name,
            BiFunction<McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>> handler) {
        return AsyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name(name)
                        .description("Test tool " + name)
                        .inputSchema(JSON, "{\"type\":\"object\"}")
                        .build())
                .callHandler(handler)
                .build();
    }

    private static Mono<McpSchema.CallToolResult> text(String text) {
        return Mono.just(McpSchema.CallToolResult.builder().addTextContent(text).build());
    }
}
