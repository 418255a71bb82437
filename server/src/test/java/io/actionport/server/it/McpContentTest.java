package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.registry.Bundle;
import io.actionport.server.store.ContentCaps;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Content blocks an action returns beside its output, and its log lines, as an MCP client receives them. */
class McpContentTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final HttpClient http = HttpClient.newHttpClient();
    final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();
    final List<McpAsyncClient> asyncClients = new CopyOnWriteArrayList<>();
    final List<McpSchema.LoggingMessageNotification> logged = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
        server.server
                .registry()
                .deploy(
                        "dev",
                        Bundle.of(
                                "content",
                                new Illustrated(),
                                new ContentActions.QuickChart(),
                                new ContentActions.BigChart(),
                                new ContentActions.Talkative(),
                                new TestActions.Chatty()),
                        List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
        asyncClients.forEach(client -> client.closeGracefully().block());
    }

    static HttpClientStreamableHttpTransport transport() {
        return HttpClientStreamableHttpTransport.builder(server.baseUrl().toString())
                .requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", "fake")
                        .header("Connection-Id", "fake-conn"))
                .build();
    }

    McpSyncClient client() {
        var client = McpClient.sync(transport())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        clients.add(client);
        client.initialize();
        return client;
    }

    @Test
    void a_tool_that_returns_content_gives_exactly_its_blocks_beside_its_structured_output() {
        var result = client().callTool(new CallToolRequest("illustrated", Map.of("topic", "q3")));

        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(Map.of("topic", "q3", "blocks", 6));
        var blocks = result.content();
        assertThat(blocks).hasSize(6);
        assertThat(((McpSchema.TextContent) blocks.get(0)).text()).isEqualTo("Chart of q3");
        var image = (McpSchema.ImageContent) blocks.get(1);
        assertThat(Base64.getDecoder().decode(image.data())).isEqualTo(Illustrated.PNG);
        assertThat(image.mimeType()).isEqualTo("image/png");
        var audio = (McpSchema.AudioContent) blocks.get(2);
        assertThat(Base64.getDecoder().decode(audio.data())).isEqualTo(Illustrated.WAV);
        assertThat(audio.mimeType()).isEqualTo("audio/wav");
        var text = (McpSchema.TextResourceContents) ((McpSchema.EmbeddedResource) blocks.get(3)).resource();
        assertThat(text.uri()).isEqualTo("https://example.com/reports/q3.txt");
        assertThat(text.mimeType()).isEqualTo("text/plain");
        assertThat(text.text()).isEqualTo("all good");
        var blob = (McpSchema.BlobResourceContents) ((McpSchema.EmbeddedResource) blocks.get(4)).resource();
        assertThat(blob.uri()).isEqualTo("https://example.com/reports/q3.csv.gz");
        assertThat(blob.mimeType()).isEqualTo("application/gzip");
        assertThat(Base64.getDecoder().decode(blob.blob())).isEqualTo(Illustrated.CSV_GZ);
        var link = (McpSchema.ResourceLink) blocks.get(5);
        assertThat(link.uri()).isEqualTo("https://example.com/reports/q3.pdf");
        assertThat(link.name()).isEqualTo("q3.pdf");
        assertThat(link.title()).isEqualTo("Full report");
        assertThat(link.description()).isEqualTo("The whole report, 40 pages");
        assertThat(link.mimeType()).isEqualTo("application/pdf");
    }

    @Test
    void content_stays_out_of_the_output_schema_the_http_answer_and_the_stored_output() throws Exception {
        var tool = client().listTools().tools().stream()
                .filter(t -> t.name().equals("illustrated"))
                .findFirst()
                .orElseThrow();
        assertThat(tool.outputSchema().get("properties"))
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsOnlyKeys("topic", "blocks");

        var answer = trigger("illustrated", "{\"topic\":\"q4\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(answer.body()))
                .isEqualTo(Json.MAPPER.readTree("{\"topic\":\"q4\",\"blocks\":6}"));
        var id = answer.headers().firstValue("X-Execution-Id").orElseThrow();
        assertThat(get("/executions/" + id).get("output"))
                .isEqualTo(Json.MAPPER.readTree("{\"topic\":\"q4\",\"blocks\":6}"));
    }

    @Test
    void a_tool_without_content_keeps_its_json_as_the_one_text_block() {
        var result = client().callTool(new CallToolRequest("talkative", Map.of("text", "disk")));

        assertThat(result.isError()).isFalse();
        assertThat(result.content()).hasSize(1);
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text()).isEqualTo("{\"text\":\"disk\"}");
    }

    @Test
    void an_async_when_slow_tool_that_answers_within_its_budget_gives_its_content_too() {
        var result = client().callTool(new CallToolRequest("quick-chart", Map.of("topic", "fast")));

        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(Map.of("topic", "fast", "blocks", 1));
        assertThat(result.content()).singleElement().isInstanceOf(McpSchema.ImageContent.class);
        assertThat(Base64.getDecoder()
                        .decode(((McpSchema.ImageContent) result.content().getFirst()).data()))
                .isEqualTo(Illustrated.PNG);
    }

    @Test
    void content_just_under_the_2_mb_cap_arrives_whole() {
        var result = client().callTool(new CallToolRequest("big-chart", Map.of("bytes", 1_500_000)));

        assertThat(result.isError()).isFalse();
        var image = Base64.getDecoder()
                .decode(((McpSchema.ImageContent) result.content().getFirst()).data());
        assertThat(image).hasSize(1_500_000);
        assertThat(image[1_499_999]).isEqualTo((byte) 42);
    }

    @Test
    void content_that_takes_the_result_over_the_2_mb_cap_is_refused_with_both_sizes() {
        var result = client().callTool(new CallToolRequest("big-chart", Map.of("bytes", 1_600_000)));

        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                .startsWith("output too large error (output_too_large): fake/big-chart returned 17 bytes of output "
                        + "and 2133345 bytes of content (binary counted as base64), 2133362 bytes in all, over the "
                        + "2097152-byte (2 MB) cap on output plus content; return smaller content, or link large "
                        + "files (Content.link) instead of embedding them [execution ");
    }

    @Test
    void a_client_at_level_info_receives_the_info_warn_and_error_lines_of_its_call() {
        var client = loggingClient(LoggingLevel.INFO);

        client.callTool(new CallToolRequest("talkative", Map.of("text", "disk")))
                .block();

        assertThat(logged)
                .extracting(McpSchema.LoggingMessageNotification::level)
                .containsExactly(LoggingLevel.INFO, LoggingLevel.WARNING, LoggingLevel.ERROR);
        assertThat(logged)
                .extracting(McpSchema.LoggingMessageNotification::data)
                .containsExactly(
                        "fetching disk with token [REDACTED]", "disk is nearly full", "disk could not be read");
        assertThat(logged)
                .extracting(McpSchema.LoggingMessageNotification::logger)
                .containsOnly("talkative");
    }

    @Test
    void a_client_at_level_warning_receives_only_the_warn_and_error_lines() {
        var client = loggingClient(LoggingLevel.WARNING);

        client.callTool(new CallToolRequest("talkative", Map.of("text", "disk")))
                .block();

        assertThat(logged)
                .extracting(McpSchema.LoggingMessageNotification::level)
                .containsExactly(LoggingLevel.WARNING, LoggingLevel.ERROR);
    }

    @Test
    void a_client_at_level_debug_receives_every_line() {
        var client = loggingClient(LoggingLevel.DEBUG);

        client.callTool(new CallToolRequest("talkative", Map.of("text", "disk")))
                .block();

        assertThat(logged)
                .extracting(McpSchema.LoggingMessageNotification::level)
                .containsExactly(LoggingLevel.DEBUG, LoggingLevel.INFO, LoggingLevel.WARNING, LoggingLevel.ERROR);
    }

    @Test
    void a_client_that_sets_no_level_receives_info_and_above() {
        var client = loggingClient(null);

        client.callTool(new CallToolRequest("talkative", Map.of("text", "disk")))
                .block();

        assertThat(logged)
                .extracting(McpSchema.LoggingMessageNotification::level)
                .containsExactly(LoggingLevel.INFO, LoggingLevel.WARNING, LoggingLevel.ERROR);
    }

    @Test
    void a_100_kb_log_line_reaches_the_client_cut_as_it_is_stored() {
        var client = loggingClient(LoggingLevel.INFO);

        client.callTool(new CallToolRequest("chatty", Map.of("text", "quiet"))).block();

        assertThat(logged)
                .singleElement()
                .satisfies(line -> assertThat(line.data())
                        .hasSize(ContentCaps.LOG_MESSAGE_CHARS)
                        .startsWith("xxx")
                        .endsWith("… [cut: 100000 chars]"));
    }

    /**
     * An async client whose logging consumer runs on the thread that reads the response stream, so
     * the notifications that came before a call's answer are all in {@link #logged} once it returns
     * (the sync client hands each to a thread pool, in no set order).
     */
    /** @param level the level the client asks for, or null to ask for none */
    McpAsyncClient loggingClient(LoggingLevel level) {
        var client = McpClient.async(transport())
                .requestTimeout(Duration.ofSeconds(30))
                .loggingConsumer(notification -> Mono.fromRunnable(() -> logged.add(notification)))
                .build();
        asyncClients.add(client);
        client.initialize().block();
        if (level != null) {
            client.setLoggingLevel(level).block();
        }
        return client;
    }

    static HttpResponse<String> trigger(String action, String input) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", "fake")
                        .header("Connection-Id", "fake-conn")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"action_name\":\"" + action + "\",\"input\":" + input + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static tools.jackson.databind.JsonNode get(String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
