package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real `actionport mcp` process over stdio, sharing the data directory with a running server. */
class McpStdioTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static McpSyncClient client;
    static final java.util.List<java.util.List<McpSchema.Tool>> toolChanges =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    static final java.util.List<McpSchema.LoggingMessageNotification> logged =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
        var java = ProcessHandle.current().info().command().orElse("java");
        var parameters = ServerParameters.builder(java)
                .args(
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.actionport.server.cli.ActionportCli",
                        "mcp",
                        "--data-dir",
                        dataDir.toString(),
                        "--env",
                        "dev",
                        "--connection",
                        "demo",
                        "--integration",
                        "demo")
                .addEnvVar("ACTIONPORT_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]))
                .build();
        client = McpClient.sync(new StdioClientTransport(parameters, new JacksonMcpJsonMapper(Json.MAPPER)))
                .toolsChangeConsumer(toolChanges::add)
                .loggingConsumer(logged::add)
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        server.close();
    }

    @Test
    void lists_the_demo_tools_over_stdio() {
        var names =
                client.listTools().tools().stream().map(McpSchema.Tool::name).toList();

        assertThat(names).containsExactlyInAnyOrder("echo", "create-issue", "list-issues", "bulk-import");
    }

    @Test
    void calls_a_read_and_a_write_over_stdio() {
        var echo = client.callTool(new CallToolRequest("echo", Map.of("message", "over stdio")));
        var created = client.callTool(new CallToolRequest("create-issue", Map.of("title", "From stdio")));

        assertThat(echo.structuredContent()).isEqualTo(Map.of("message", "over stdio"));
        assertThat(created.isError()).isFalse();
        assertThat(((Map<?, ?>) created.structuredContent()).get("url").toString())
                .contains("/demo-provider/issues/");
    }

    @Test
    void a_line_the_action_logs_reaches_the_stdio_client_as_a_log_message() {
        client.callTool(new CallToolRequest("create-issue", Map.of("title", "Logged over stdio")));

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> logged.stream().anyMatch(line -> line.logger().equals("create-issue")));
        assertThat(logged)
                .filteredOn(line -> line.logger().equals("create-issue"))
                .first()
                .satisfies(line -> {
                    assertThat(line.level()).isEqualTo(McpSchema.LoggingLevel.INFO);
                    assertThat(line.data()).startsWith("created issue ");
                });
    }

    @Test
    void bad_arguments_over_stdio_get_the_same_error_as_over_http() {
        var result = client.callTool(new CallToolRequest("echo", Map.of()));

        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                .contains("- /message: required property 'message' not found");
    }

    @Test
    void a_deploy_made_by_the_server_reaches_the_stdio_process_as_list_changed() throws Exception {
        byte[] jar;
        try (var in = McpStdioTest.class.getResourceAsStream("/bundles/demo-bundle.jar")) {
            jar = in.readAllBytes();
        }

        server.server.deployments().deploy("dev", jar, java.util.List.of("echo"));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !toolChanges.isEmpty());
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("echo");
    }
}
