package io.actionport.server.it;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Real MCP Java SDK clients for the tests. */
final class McpClients {

    private McpClients() {}

    static McpSyncClient http(
            URI baseUrl, String key, String integration, Consumer<List<McpSchema.Tool>> toolsChanged) {
        var request = HttpRequest.newBuilder().header("Authorization", "Bearer " + key);
        if (integration != null) {
            request.header("Provider-Config-Key", integration)
                    .header("Connection-Id", integration.equals("demo") ? "demo" : "fake-conn");
        }
        var transport = HttpClientStreamableHttpTransport.builder(baseUrl.toString())
                .endpoint("/mcp")
                .requestBuilder(request)
                .build();
        var client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .toolsChangeConsumer(toolsChanged)
                .build();
        client.initialize();
        return client;
    }
}
