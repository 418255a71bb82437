package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A browser page (the MCP Inspector, say) may preflight /mcp from an allowed origin, and only from one. */
class McpBrowserCorsTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve("/mcp"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type, mcp-session-id")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_without_a_key() throws Exception {
        var answer = preflight("http://localhost:6274");

        assertThat(answer.statusCode()).isEqualTo(204);
        var headers = answer.headers();
        assertThat(headers.firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
        assertThat(headers.firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("POST")
                .contains("DELETE");
        assertThat(headers.firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization")
                .contains("Content-Type")
                .contains("Mcp-Session-Id");
    }

    @Test
    void a_preflight_allows_every_header_an_mcp_client_sends_and_the_tool_header_it_asks_for() throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve("/mcp"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://localhost:6274")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "mcp-method, mcp-name, mcp-param-region, x-other")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(204);
        var allowed = List.of(answer.headers()
                .firstValue("Access-Control-Allow-Headers")
                .orElseThrow()
                .split(", "));
        assertThat(allowed)
                .contains(
                        "Authorization",
                        "Content-Type",
                        "Mcp-Session-Id",
                        "Mcp-Protocol-Version",
                        "Mcp-Method",
                        "Mcp-Name",
                        "Last-Event-ID",
                        "Provider-Config-Key",
                        "Connection-Id",
                        "mcp-param-region")
                .doesNotContain("x-other");
    }

    @Test
    void a_preflight_from_another_origin_is_refused() throws Exception {
        var answer = preflight("https://evil.example");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(answer.body()).contains("https://evil.example").contains("--allow-origin");
    }

    @Test
    void an_allowed_page_can_read_the_answer_to_its_request_even_a_refusal() throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve("/mcp"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Origin", "http://127.0.0.1:6274")
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as("no key: still refused").isEqualTo(401);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:6274");
        assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("Mcp-Session-Id");
    }

    @Test
    void an_options_request_that_is_no_preflight_still_needs_a_key() throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve("/mcp"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
    }
}
