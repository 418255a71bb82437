package io.actionport.server.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's own Streamable HTTP client against the transport: the interoperability that matters most. */
class SdkClientInteropTest {

    private McpTestServer server;
    private final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = McpTestServer.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(McpSyncClient::closeGracefully);
        server.close();
    }

    @Test
    void initializes_lists_tools_and_calls_one() {
        McpSyncClient client = connect(spec -> spec);

        assertThat(client.listTools().tools())
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder("echo", "announce", "whoami", "session", "slow");
        assertThat(text(client.callTool(call("echo", Map.of("text", "hello"))))).isEqualTo("hello");
    }

    @Test
    void delivers_a_log_message_sent_before_the_result() {
        List<String> logged = new CopyOnWriteArrayList<>();
        McpSyncClient client = connect(spec -> spec.loggingConsumer(message -> logged.add(message.data())));

        assertThat(text(client.callTool(call("announce", Map.of())))).isEqualTo("done");
        await().atMost(Duration.ofSeconds(5)).until(() -> logged.contains("working on it"));
    }

    @Test
    void hands_request_headers_to_tools_through_the_transport_context() {
        McpSyncClient client = connect(spec -> spec, HttpRequest.newBuilder().header("Connection-Id", "conn-42"));

        assertThat(text(client.callTool(call("whoami", Map.of())))).isEqualTo("connection=conn-42 principal=null");
    }

    @Test
    void tells_clients_that_the_tool_list_changed() {
        List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
        connect(spec -> spec.toolsChangeConsumer(changes::add));

        // The client opens its listening stream right after initialize, so early notifications may
        // find no stream yet: keep notifying until one lands.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            server.server().notifyToolsListChanged().block();
            assertThat(changes).isNotEmpty();
        });
        assertThat(changes.get(0)).extracting(McpSchema.Tool::name).contains("echo");
    }

    @Test
    void notifies_a_single_session_by_its_id() {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        McpSyncClient firstClient = connect(spec -> spec.loggingConsumer(message -> first.add(message.data())));
        connect(spec -> spec.loggingConsumer(message -> second.add(message.data())));
        String firstSession = text(firstClient.callTool(call("session", Map.of())));
        var message = McpSchema.LoggingMessageNotification.builder()
                .level(McpSchema.LoggingLevel.INFO)
                .data("just for you")
                .build();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            server.provider()
                    .notifyClient(firstSession, McpSchema.METHOD_NOTIFICATION_MESSAGE, message)
                    .onErrorComplete()
                    .block();
            assertThat(first).contains("just for you");
        });
        assertThat(second).isEmpty();
    }

    @Test
    void ends_the_session_with_delete_when_the_client_closes() {
        McpSyncClient client = connect(spec -> spec);
        assertThat(server.provider().activeSessions()).isEqualTo(1);

        assertThat(client.closeGracefully()).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> server.provider().activeSessions() == 0);
    }

    private McpSyncClient connect(UnaryOperator<McpClient.SyncSpec> customizer) {
        return connect(customizer, HttpRequest.newBuilder());
    }

    private McpSyncClient connect(UnaryOperator<McpClient.SyncSpec> customizer, HttpRequest.Builder requests) {
        var transport = HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint("/mcp")
                .requestBuilder(requests)
                .build();
        McpSyncClient client = customizer
                .apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)))
                .build();
        clients.add(client);
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
        return new McpSchema.CallToolRequest(tool, arguments);
    }

    private static String text(McpSchema.CallToolResult result) {
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
