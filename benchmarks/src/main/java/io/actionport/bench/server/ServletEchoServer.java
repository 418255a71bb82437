package io.actionport.bench.server;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference for our transport: the MCP Java SDK's own servlet Streamable HTTP transport on
 * embedded Jetty, with an echo tool equivalent to Actionport's (same input and output schemas,
 * structured content plus the same JSON as text). The SDK's defaults are kept, so it validates the
 * tool input and structured output itself, as the runner does in Actionport.
 */
public final class ServletEchoServer {

    private static final Map<String, Object> INPUT_SCHEMA = Map.of(
            "type",
            "object",
            "properties",
            Map.of("message", Map.of("type", "string", "description", "Any text")),
            "required",
            List.of("message"),
            "additionalProperties",
            false);

    private static final Map<String, Object> OUTPUT_SCHEMA = Map.of(
            "type",
            "object",
            "properties",
            Map.of("message", Map.of("type", "string")),
            "required",
            List.of("message"),
            "additionalProperties",
            false);

    private ServletEchoServer() {}

    public static void main(String[] argv) throws Exception {
        var json = JsonMapper.builder().build();
        var mapper = new JacksonMcpJsonMapper(json);
        var transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint("/mcp")
                .build();
        var echo = McpSchema.Tool.builder()
                .name("echo")
                .title("Echo")
                .description("Returns the given message unchanged.")
                .inputSchema(INPUT_SCHEMA)
                .outputSchema(OUTPUT_SCHEMA)
                .annotations(McpSchema.ToolAnnotations.builder()
                        .readOnlyHint(true)
                        .openWorldHint(false)
                        .build())
                .build();
        var mcp = McpServer.async(transport)
                .serverInfo("servlet-echo", "1.0.0")
                .jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(AsyncToolSpecification.builder()
                        .tool(echo)
                        .callHandler((exchange, request) -> {
                            var message = String.valueOf(request.arguments().get("message"));
                            var output = Map.<String, Object>of("message", message);
                            return Mono.just(McpSchema.CallToolResult.builder()
                                    .structuredContent(output)
                                    .addTextContent(json.writeValueAsString(output))
                                    .isError(false)
                                    .build());
                        })
                        .build())
                .build();

        var jetty = new Server();
        var connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        var context = new ServletContextHandler();
        context.setContextPath("/");
        var holder = new ServletHolder(transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        jetty.start();

        ControlChannel.serve(topic -> Map.of(), () -> {
            mcp.closeGracefully().block(java.time.Duration.ofSeconds(5));
            try {
                jetty.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop Jetty", e);
            }
        });
        ControlChannel.ready(Map.of("port", connector.getLocalPort()));
        jetty.join();
    }
}
