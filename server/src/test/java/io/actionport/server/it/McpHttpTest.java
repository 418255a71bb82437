package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.actionport.server.registry.Bundle;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpHttpTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    McpSyncClient client(String integration) {
        var client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, integration, tools -> {});
        clients.add(client);
        return client;
    }

    static McpSchema.TextContent text(McpSchema.CallToolResult result) {
        return (McpSchema.TextContent) result.content().getFirst();
    }

    @Test
    void lists_the_integrations_tools_with_schemas_and_annotations() {
        var tools = client("demo").listTools().tools();

        assertThat(tools)
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder("echo", "create-issue", "list-issues", "bulk-import");
        var createIssue = tools.stream()
                .filter(t -> t.name().equals("create-issue"))
                .findFirst()
                .orElseThrow();
        assertThat(createIssue.inputSchema().get("required")).isEqualTo(List.of("title"));
        assertThat(createIssue.outputSchema()).containsKey("properties");
        assertThat(createIssue.annotations().readOnlyHint()).isFalse();
        assertThat(createIssue.annotations().idempotentHint()).isFalse();
        var echo =
                tools.stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        assertThat(echo.annotations().readOnlyHint()).isTrue();
        assertThat(echo.annotations().openWorldHint()).isFalse();
    }

    @Test
    void a_session_without_integration_sees_every_integration() {
        var names = client(null).listTools().tools().stream()
                .map(McpSchema.Tool::name)
                .toList();

        assertThat(names).contains("demo_echo", "fake_crashy", "fake_get-thing");
    }

    @Test
    void calls_a_read_and_a_write_with_structured_content_and_json_text() {
        var client = client("demo");

        var echo = client.callTool(new CallToolRequest("echo", Map.of("message", "hi there")));
        var created = client.callTool(new CallToolRequest("create-issue", Map.of("title", "From MCP")));

        assertThat(echo.isError()).isFalse();
        assertThat(echo.structuredContent()).isEqualTo(Map.of("message", "hi there"));
        assertThat(text(echo).text()).isEqualTo("{\"message\":\"hi there\"}");
        assertThat(((Map<?, ?>) created.structuredContent()).keySet().toString())
                .isIn("[id, url]", "[url, id]");
    }

    @Test
    void an_async_when_slow_call_that_finishes_within_its_budget_reports_progress_and_answers_directly() {
        var progress = new CopyOnWriteArrayList<McpSchema.ProgressNotification>();
        var transport = io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(
                        server.baseUrl().toString())
                .requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", "fake"))
                .build();
        var client = io.modelcontextprotocol.client.McpClient.sync(transport)
                .progressConsumer(progress::add)
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        clients.add(client);
        client.initialize();

        var result = client.callTool(CallToolRequest.builder("sometimes-slow")
                .arguments(Map.of("batch", "quick", "millis", 20))
                .progressToken("tok-1")
                .build());

        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(Map.of("batch", "quick", "millis", 20));
        await().atMost(Duration.ofSeconds(5)).until(() -> progress.size() == 2);
        assertThat(progress.getLast().progress()).isEqualTo(2.0);
        assertThat(progress.getLast().total()).isEqualTo(2.0);
    }

    @Test
    void an_async_when_slow_call_over_its_budget_answers_with_a_link() {
        var result =
                client("fake").callTool(new CallToolRequest("sometimes-slow", Map.of("batch", "slow", "millis", 1500)));

        assertThat(result.isError()).isFalse();
        assertThat(result.content().getFirst()).isInstanceOf(McpSchema.ResourceLink.class);
        var execution = (Map<?, ?>) ((Map<?, ?>) result.structuredContent()).get("execution");
        assertThat(execution.get("resource_uri").toString()).startsWith("actionport://executions/");
    }

    @Test
    void missing_and_mistyped_arguments_come_back_as_a_readable_tool_error() {
        var result = client("demo").callTool(new CallToolRequest("create-issue", Map.of("body", 7)));

        assertThat(result.isError()).isTrue();
        assertThat(text(result).text())
                .startsWith("Invalid arguments for tool 'create-issue'. Fix these and call again:")
                .contains("- /title: required property 'title' not found")
                .contains("- /body: integer found, [string, null] expected");
    }

    @Test
    void an_unknown_tool_is_a_json_rpc_error() {
        assertThatThrownBy(() -> client("demo").callTool(new CallToolRequest("nope", Map.of())))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("Unknown tool");
    }

    @Test
    void a_tool_of_another_integration_is_refused_even_by_name() {
        // The demo-scoped session's server has no such tool at all; the SDK says so in the error's data.
        assertThatThrownBy(() -> client("demo").callTool(new CallToolRequest("crashy", Map.of())))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("Unknown tool")
                .satisfies(
                        e -> assertThat(((McpError) e).getJsonRpcError().data().toString())
                                .contains("crashy"));
    }

    @Test
    void action_failures_are_tool_errors_that_say_whose_fault() {
        var client = client("fake");

        var crash = client.callTool(new CallToolRequest("crashy", Map.of()));
        var timeout = client.callTool(new CallToolRequest("sleepy", Map.of()));
        var huge = client.callTool(new CallToolRequest("huge", Map.of()));
        var liar = client.callTool(new CallToolRequest("liar", Map.of()));

        assertThat(crash.isError()).isTrue();
        assertThat(text(crash).text())
                .startsWith(
                        "crash error (action_crashed): fake/crashy crashed with java.lang.IllegalStateException: boom");
        assertThat(text(timeout).text()).startsWith("timeout error (action_timeout):");
        assertThat(text(huge).text()).startsWith("output too large error (output_too_large):");
        assertThat(text(liar).text()).startsWith("invalid output error (invalid_action_output):");
    }

    @Test
    void a_deploy_of_several_actions_sends_one_tools_list_changed() {
        var changes = new CopyOnWriteArrayList<List<McpSchema.Tool>>();
        var client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, null, changes::add);
        clients.add(client);
        McpClients.awaitListening(server.server, changes);
        // The warm-up's own changes may still be arriving: start once no list has come for half a second.
        var seen = new java.util.concurrent.atomic.AtomicInteger(-1);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(10))
                .until(() -> seen.getAndSet(changes.size()) == changes.size());
        changes.clear();

        server.server
                .registry()
                .deploy("dev", Bundle.of("several", new TestActions.FakeEcho(), new TestActions.Chatty()), List.of());
        try {
            // Lists fetched after a change of this deploy (late notifications of the warm-up have none of its tools).
            Callable<Long> afterDeploy = () -> changes.stream()
                    .filter(tools -> tools.stream()
                            .anyMatch(tool -> List.of("fake_echo", "chatty").contains(tool.name())))
                    .count();
            await().atMost(Duration.ofSeconds(5)).until(afterDeploy, count -> count > 0);
            System.err.println("LISTS "
                    + changes.stream()
                            .map(l -> l.stream().map(McpSchema.Tool::name).toList())
                            .toList());
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(afterDeploy, count -> count == 1);
        } finally {
            server.server.registry().undeploy("dev", "several");
        }
    }

    @Test
    void a_deploy_sends_tools_list_changed_and_the_new_tool_is_listed() {
        var changes = new CopyOnWriteArrayList<List<McpSchema.Tool>>();
        var client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, null, changes::add);
        clients.add(client);
        McpClients.awaitListening(server.server, changes);

        server.server.registry().deploy("dev", Bundle.of("late", new TestActions.FakeEcho()), List.of());
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> changes.stream()
                            .anyMatch(tools ->
                                    tools.stream().anyMatch(tool -> tool.name().equals("fake_echo"))));
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("fake_echo", "demo_echo");
        } finally {
            server.server.registry().undeploy("dev", "late");
        }
    }

    @Test
    void raw_http_without_a_key_is_401_and_a_foreign_origin_is_403() throws Exception {
        var http = HttpClient.newHttpClient();
        var init =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        var base = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(init));

        var noKey = http.send(base.copy().build(), HttpResponse.BodyHandlers.ofString());
        var foreign = http.send(
                base.copy()
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Origin", "https://evil.example")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var unknownSession = http.send(
                base.copy()
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Mcp-Session-Id", "no-such-session")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(noKey.statusCode()).isEqualTo(401);
        // No WWW-Authenticate: it would send clients such as the Inspector into an OAuth flow we do not offer.
        assertThat(noKey.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(noKey.body()).contains("Authorization: Bearer");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(unknownSession.statusCode()).isEqualTo(404);
    }

    @Test
    void a_foreign_host_header_is_refused_as_dns_rebinding_but_loopback_origins_pass() {
        var init =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        java.util.function.BiFunction<String, String, Integer> post =
                (host, origin) -> reactor.netty.http.client.HttpClient.create()
                        .headers(headers -> {
                            headers.set("Host", host)
                                    .set("Authorization", "Bearer " + TestServer.DEV_KEY)
                                    .set("Content-Type", "application/json")
                                    .set("Accept", "application/json, text/event-stream");
                            if (origin != null) {
                                headers.set("Origin", origin);
                            }
                        })
                        .post()
                        .uri(server.baseUrl() + "/mcp")
                        .send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just(init)))
                        .response()
                        .map(response -> response.status().code())
                        .block(Duration.ofSeconds(10));

        assertThat(post.apply("attacker.example:" + server.baseUrl().getPort(), null))
                .isEqualTo(421);
        assertThat(post.apply("localhost:" + server.baseUrl().getPort(), "http://localhost:6274"))
                .isEqualTo(200);
    }

    @Test
    void an_async_tool_answers_with_a_resource_link_that_can_be_subscribed_to_and_read() {
        var updates = new CopyOnWriteArrayList<McpSchema.ResourceContents>();
        var transport = io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(
                        server.baseUrl().toString())
                .requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", "demo"))
                .build();
        var client = io.modelcontextprotocol.client.McpClient.sync(transport)
                .resourcesUpdateConsumer(updates::addAll)
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        clients.add(client);
        client.initialize();

        var result = client.callTool(new CallToolRequest(
                "bulk-import",
                Map.of(
                        "batch_id",
                        "mcp-async",
                        "issues",
                        List.of(Map.of("title", "a"), Map.of("title", "b"), Map.of("title", "c")))));
        var link = (McpSchema.ResourceLink) result.content().getFirst();
        client.subscribeResource(new McpSchema.SubscribeRequest(link.uri()));

        assertThat(result.isError()).isFalse();
        assertThat(link.uri()).startsWith("actionport://executions/");
        assertThat(((McpSchema.TextContent) result.content().get(1)).text())
                .contains("resources/read", "resources/subscribe");
        await().atMost(Duration.ofSeconds(10)).until(() -> !updates.isEmpty());
        var read = client.readResource(new McpSchema.ReadResourceRequest(link.uri()));
        var view = io.actionport.server.store.Json.MAPPER.readTree(
                ((McpSchema.TextResourceContents) read.contents().getFirst()).text());
        assertThat(view.get("status").asString()).isEqualTo("succeeded");
        assertThat(view.at("/output/issues").size()).isEqualTo(3);
    }

    @Test
    void the_execution_template_is_listed_and_async_tools_advertise_a_schema_their_link_results_meet() {
        var client = client("demo");

        var templates = client.listResourceTemplates().resourceTemplates();
        var bulk = client.listTools().tools().stream()
                .filter(t -> t.name().equals("bulk-import"))
                .findFirst()
                .orElseThrow();

        assertThat(templates)
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .contains("actionport://executions/{id}");
        assertThat(bulk.outputSchema()).doesNotContainKey("required");
        assertThat(((Map<?, ?>) bulk.outputSchema().get("properties")).keySet().toString())
                .contains("execution");
        assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("actionport://executions/nope")))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("no execution nope");
    }

    @Test
    void a_session_limited_to_one_integration_sees_plain_names_even_when_others_share_them() {
        server.server.registry().deploy("dev", Bundle.of("clash", new TestActions.FakeEcho()), List.of());
        try {
            var scoped = client("demo").listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();
            var unscoped = client(null).listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();

            assertThat(scoped).contains("echo").doesNotContain("demo_echo", "fake_echo");
            assertThat(unscoped).contains("demo_echo", "fake_echo").doesNotContain("echo");
        } finally {
            server.server.registry().undeploy("dev", "clash");
        }
    }

    @Test
    void no_deploy_renames_a_tool_under_a_connected_client() {
        var unscoped = client(null);
        var scoped = client("demo");
        var before =
                unscoped.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertThat(before).contains("demo_echo", "demo_create-issue");

        // Another integration with the same action names arrives.
        server.server.registry().deploy("dev", Bundle.of("clash", new TestActions.FakeEcho()), List.of());
        try {
            assertThat(unscoped.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsAll(before)
                    .contains("fake_echo");
            assertThat(unscoped.callTool(new McpSchema.CallToolRequest("demo_echo", Map.of("message", "still")))
                            .isError())
                    .isFalse();
            assertThat(scoped.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "still")))
                            .isError())
                    .isFalse();
        } finally {
            server.server.registry().undeploy("dev", "clash");
        }
    }
}
