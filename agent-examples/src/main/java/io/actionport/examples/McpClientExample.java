package io.actionport.examples;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * The smallest useful MCP client: connects to Actionport over Streamable HTTP, lists the tools,
 * calls a read and a write, and prints what came back.
 *
 * <p>Run it against a server started with the README's first command:
 * {@code ACTIONPORT_URL=http://127.0.0.1:8787 ACTIONPORT_KEY=<dev key> java ... McpClientExample}.
 */
public final class McpClientExample {

    private McpClientExample() {}

    public static void main(String[] args) {
        var url = System.getenv().getOrDefault("ACTIONPORT_URL", "http://127.0.0.1:8787");
        try (var client = connect(url, System.getenv("ACTIONPORT_KEY"))) {
            run(client, System.out);
        }
    }

    /** A client for the demo integration and connection, authenticated with the environment's key. */
    public static McpSyncClient connect(String url, String key) {
        var transport = HttpClientStreamableHttpTransport.builder(url)
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + key)
                        .header("Provider-Config-Key", "demo")
                        .header("Connection-Id", "demo"))
                .build();
        var client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    /** Lists tools, files an issue, and lists issues again. */
    public static void run(McpSyncClient client, PrintStream out) {
        for (var tool : client.listTools().tools()) {
            out.println("tool " + tool.name() + ": " + tool.description());
        }
        var created = client.callTool(
                new McpSchema.CallToolRequest("create-issue", Map.of("title", "Checkout fails on Safari")));
        out.println("created " + created.structuredContent());
        var listed = client.callTool(new McpSchema.CallToolRequest("list-issues", Map.of("limit", 5)));
        out.println("open issues " + listed.structuredContent());
    }
}
