package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.http.DoorLimits;
import io.actionport.server.store.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What an MCP client may make the server keep: sessions, the fields of a session, MCP servers. */
class McpLimitsTest {

    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void an_initialize_over_the_keys_session_cap_gets_a_json_rpc_error_until_a_session_ends() throws Exception {
        server = new TestServer(dataDir, DoorLimits.defaults().withSessions(3, 100, Duration.ofMinutes(10)));
        var sessions = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var answer = initialize(null, "client-" + i);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            sessions.add(answer.headers().firstValue("Mcp-Session-Id").orElseThrow());
        }

        var refused = initialize(null, "one-too-many");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("message").asString())
                .isEqualTo("Too many MCP sessions: this key holds 3 live sessions, its limit; "
                        + "end sessions you no longer use with DELETE, or wait for idle ones to expire");
        var ended = send(mcp().header("Mcp-Session-Id", sessions.getFirst())
                .header("Mcp-Protocol-Version", "2025-06-18")
                .DELETE());
        assertThat(ended.statusCode()).isEqualTo(204);
        assertThat(initialize(null, "after-delete").statusCode()).isEqualTo(200);
    }

    @Test
    void sessions_of_another_key_count_against_the_total_cap_only() throws Exception {
        server = new TestServer(dataDir, DoorLimits.defaults().withSessions(2, 3, Duration.ofMinutes(10)));
        assertThat(initialize(null, "dev-1").statusCode()).isEqualTo(200);
        assertThat(initialize(null, "dev-2").statusCode()).isEqualTo(200);

        var prod = send(initializeRequest("prod-1").header("Authorization", "Bearer " + TestServer.PROD_KEY));
        var prodAgain = send(initializeRequest("prod-2").header("Authorization", "Bearer " + TestServer.PROD_KEY));

        assertThat(prod.statusCode()).as(prod.body()).isEqualTo(200);
        assertThat(prodAgain.statusCode()).isEqualTo(429);
        assertThat(error(prodAgain).path("message").asString())
                .startsWith("Too many MCP sessions: the server holds 3 live sessions, its limit");
    }

    @Test
    void an_initialize_whose_client_name_is_too_long_is_refused_naming_the_field() throws Exception {
        server = new TestServer(dataDir);

        var answer = initialize(null, "x".repeat(4 * 1024 * 1024 - 200));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(error(answer).path("code").asInt()).isEqualTo(-32602);
        assertThat(error(answer).path("message").asString())
                .isEqualTo(
                        "Invalid params: params.clientInfo.name is 4194104 characters long; at most 256 are accepted");
        assertThat(answer.headers().firstValue("Mcp-Session-Id")).isEmpty();
    }

    @Test
    void a_request_id_over_256_characters_is_refused_naming_the_field() throws Exception {
        server = new TestServer(dataDir);
        var session =
                initialize(null, "ids").headers().firstValue("Mcp-Session-Id").orElseThrow();

        var answer = send(mcp().header("Mcp-Session-Id", session)
                .header("Mcp-Protocol-Version", "2025-06-18")
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"" + "i".repeat(300) + "\",\"method\":\"tools/list\"}")));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(error(answer).path("message").asString())
                .isEqualTo("Invalid params: id is 300 characters long; at most 256 are accepted");
    }

    @Test
    void provider_config_keys_naming_no_integration_create_no_mcp_servers() throws Exception {
        // Room for three servers: if any bogus key made one, the real integration after them would not fit.
        server = new TestServer(dataDir, DoorLimits.defaults().withMaxMcpServers(3));

        for (int i = 0; i < 2_000; i++) {
            var answer = send(initializeRequest("bogus").header("Provider-Config-Key", "bogus-" + i));

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(error(answer).path("message").asString())
                    .startsWith("Provider-Config-Key 'bogus-" + i + "' names no integration in environment dev");
        }
        assertThat(initialize("demo", "demo").statusCode()).isEqualTo(200);
        assertThat(initialize("fake", "fake").statusCode()).isEqualTo(200);
        assertThat(initialize(null, "all").statusCode()).isEqualTo(200);
        var fourth = send(initializeRequest("prod").header("Authorization", "Bearer " + TestServer.PROD_KEY));
        assertThat(fourth.statusCode()).isEqualTo(503);
        assertThat(error(fourth).path("message").asString()).startsWith("the server already runs 3 MCP servers");
    }

    @Test
    void at_the_limit_a_new_mcp_server_replaces_one_whose_sessions_ended() throws Exception {
        server = new TestServer(dataDir, DoorLimits.defaults().withMaxMcpServers(2));
        var demo = initialize("demo", "demo");
        var fake = initialize("fake", "fake");
        assertThat(initialize(null, "all").statusCode()).isEqualTo(503);

        var ended = send(mcp().DELETE()
                .header("Provider-Config-Key", "fake")
                .header(
                        "Mcp-Session-Id",
                        fake.headers().firstValue("Mcp-Session-Id").orElseThrow())
                .header("MCP-Protocol-Version", "2025-06-18"));
        var all = initialize(null, "all");
        var callOnDemo = send(mcp().POST(
                        HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"))
                .header("Provider-Config-Key", "demo")
                .header(
                        "Mcp-Session-Id",
                        demo.headers().firstValue("Mcp-Session-Id").orElseThrow())
                .header("MCP-Protocol-Version", "2025-06-18"));
        var fakeAgain = initialize("fake", "fake");

        assertThat(ended.statusCode()).isBetween(200, 204);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(callOnDemo.statusCode()).isEqualTo(200);
        assertThat(callOnDemo.body()).contains("\"echo\"");
        assertThat(fakeAgain.statusCode()).isEqualTo(503);
        assertThat(error(fakeAgain).path("message").asString())
                .startsWith("the server already runs 2 MCP servers with live sessions");
    }

    private HttpResponse<String> initialize(String integration, String clientName)
            throws IOException, InterruptedException {
        var request = initializeRequest(clientName);
        if (integration != null) {
            request.header("Provider-Config-Key", integration);
        }
        return send(request);
    }

    private HttpRequest.Builder initializeRequest(String clientName) {
        var params = Json.MAPPER.createObjectNode().put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", clientName).put("version", "1.0");
        var body = Json.MAPPER
                .createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", 1)
                .put("method", "initialize");
        body.set("params", params);
        return mcp().POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        var built = request.build();
        if (built.headers().firstValue("Authorization").isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true)
                    .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                    .build();
        }
        return http.send(built, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder mcp() {
        return HttpRequest.newBuilder(server.baseUrl().resolve("/mcp"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
    }

    private static JsonNode error(HttpResponse<String> answer) {
        return Json.MAPPER.readTree(answer.body()).path("error");
    }
}
