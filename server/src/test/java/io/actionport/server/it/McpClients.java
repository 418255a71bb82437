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

    /** A session client that answers every elicitation with {@code answer}, already initialized. */
    static McpSyncClient answering(
            URI baseUrl,
            String integration,
            String connection,
            java.util.function.Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> answer) {
        var transport = HttpClientStreamableHttpTransport.builder(baseUrl.toString())
                .requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", integration)
                        .header("Connection-Id", connection))
                .build();
        var client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .capabilities(
                        McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(answer)
                .build();
        client.initialize();
        return client;
    }

    /**
     * Waits until the client's listening stream is open, which the SDK client opens in the
     * background after it initializes: notifications sent before that are, per the protocol, lost.
     * Pokes the server with a throwaway deploy until a {@code tools/list_changed} gets through.
     */
    static void awaitListening(io.actionport.server.Actionport server, List<?> changes) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    server.registry()
                            .deploy("dev", io.actionport.server.registry.Bundle.of("poke", new Poke()), List.of());
                    server.registry().undeploy("dev", "poke");
                    return !changes.isEmpty();
                });
        changes.clear();
    }

    /** A throwaway action whose deploy and undeploy make the server announce a tool list change. */
    static final class Poke implements io.actionport.sdk.Action<TestActions.Empty, TestActions.Empty> {
        @Override
        public io.actionport.sdk.ActionDescriptor<TestActions.Empty, TestActions.Empty> descriptor() {
            return io.actionport.sdk.ActionDescriptor.builder(
                            "poke", "poke", TestActions.Empty.class, TestActions.Empty.class)
                    .description("Does nothing; deployed to provoke list_changed.")
                    .build();
        }

        @Override
        public TestActions.Empty run(TestActions.Empty input, io.actionport.sdk.ActionContext context) {
            return input;
        }
    }
}
