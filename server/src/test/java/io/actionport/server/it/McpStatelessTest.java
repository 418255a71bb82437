package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.registry.Bundle;
import io.actionport.server.store.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The stateless era (MCP 2026-07-28) at /mcp, next to the session era, spoken as raw HTTP. */
class McpStatelessTest {

    static final String VERSION = StatelessCall.VERSION;
    static final String TASKS = StatelessCall.TASKS;

    @TempDir
    static Path dataDir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A stateless request as a conforming client sends it, with the tasks extension declared. */
    static StatelessCall call(String method, String params) {
        return StatelessCall.of(server.baseUrl(), method, params, true);
    }

    static StatelessCall callWithoutTasks(String method, String params) {
        return StatelessCall.of(server.baseUrl(), method, params, false);
    }

    @Test
    void server_discover_answers_without_a_session_with_versions_capabilities_and_caching() {
        var answer = call("server/discover", "{}").send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.last().get("id").asInt()).isEqualTo(7);
        var result = answer.result();
        assertThat(result.get("resultType").asString()).isEqualTo("complete");
        assertThat(result.get("supportedVersions").toString()).contains(VERSION, "2025-11-25");
        assertThat(result.at("/capabilities/tools/listChanged").asBoolean()).isTrue();
        assertThat(result.at("/capabilities/extensions").has(TASKS)).isTrue();
        assertThat(result.get("ttlMs").isNumber()).isTrue();
        assertThat(result.get("cacheScope").asString()).isIn("public", "private");
        assertThat(result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asString())
                .isEqualTo("actionport");
    }

    @Test
    void envelope_and_header_problems_are_refused_in_the_prescribed_order() {
        var noHeader = call("server/discover", "{}")
                .header("MCP-Protocol-Version", null)
                .send();
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.error().get("code").asInt()).isEqualTo(-32020);

        var noVersionInMeta = Json.MAPPER.createObjectNode();
        noVersionInMeta.putObject("io.modelcontextprotocol/clientCapabilities");
        var noMeta = call("server/discover", "{}").meta(noVersionInMeta).send();
        assertThat(noMeta.status()).isEqualTo(400);
        assertThat(noMeta.error().get("code").asInt()).isEqualTo(-32602);
        assertThat(noMeta.error().get("message").asString()).contains("io.modelcontextprotocol/protocolVersion");

        var otherMeta = StatelessCall.defaultMeta(false).put("io.modelcontextprotocol/protocolVersion", "v999.0.0");
        var mismatch = call("server/discover", "{}").meta(otherMeta).send();
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.error().get("code").asInt()).isEqualTo(-32020);

        var unsupported = call("server/discover", "{}")
                .meta(otherMeta)
                .header("MCP-Protocol-Version", "v999.0.0")
                .send();
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.error().get("code").asInt()).isEqualTo(-32022);
        assertThat(unsupported.error().at("/data/requested").asString()).isEqualTo("v999.0.0");
        assertThat(unsupported.error().at("/data/supported").toString()).contains(VERSION);
        assertThat(unsupported.last().get("id").asInt()).isEqualTo(7);
    }

    @Test
    void mcp_method_and_mcp_name_must_match_the_body() {
        var noMethod = call("tools/list", "{}").header("Mcp-Method", null).send();
        assertThat(noMethod.status()).isEqualTo(400);
        assertThat(noMethod.error().get("code").asInt()).isEqualTo(-32020);

        var method = call("tools/list", "{}").header("Mcp-Method", "TOOLS/LIST").send();
        assertThat(method.status()).isEqualTo(400);
        assertThat(method.error().get("code").asInt()).isEqualTo(-32020);
        assertThat(method.error().get("message").asString()).contains("Mcp-Method");

        var name = call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}")
                .header("Mcp-Name", "create-issue")
                .send();
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.error().get("message").asString()).contains("'create-issue'", "'echo'");

        var missing = call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}")
                .header("Mcp-Name", null)
                .send();
        assertThat(missing.error().get("code").asInt()).isEqualTo(-32020);

        var encoded = call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}")
                .header("Mcp-Name", "=?base64?ZWNobw==?=")
                .send();
        assertThat(encoded.result().at("/structuredContent/message").asString()).isEqualTo("x");
    }

    @Test
    void tools_list_is_in_name_order_and_cacheable_per_key() {
        var result = call("tools/list", "{}").send().result();

        var names = new ArrayList<String>();
        result.get("tools").forEach(tool -> names.add(tool.get("name").asString()));
        assertThat(names).containsExactly("bulk-import", "create-issue", "echo", "list-issues");
        assertThat(result.get("resultType").asString()).isEqualTo("complete");
        assertThat(result.get("cacheScope").asString()).isEqualTo("private");
        assertThat(result.get("ttlMs").asLong()).isPositive();
    }

    @Test
    void a_tool_call_answers_with_its_result_and_an_unknown_tool_is_named() {
        var echo = call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}")
                .send();
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.result().get("resultType").asString()).isEqualTo("complete");
        assertThat(echo.result().at("/structuredContent/message").asString()).isEqualTo("hi");

        var invalid = call("tools/call", "{\"name\":\"create-issue\",\"arguments\":{}}")
                .send();
        assertThat(invalid.result().get("isError").asBoolean()).isTrue();
        assertThat(invalid.result().at("/content/0/text").asString()).contains("/title");

        var unknown = call("tools/call", "{\"name\":\"invalid_tool_name\",\"arguments\":{}}")
                .send();
        assertThat(unknown.error().get("code").asInt()).isEqualTo(-32602);
        assertThat(unknown.error().get("message").asString()).contains("invalid_tool_name");

        var arrayArguments =
                call("tools/call", "{\"name\":\"echo\",\"arguments\":[1]}").send();
        assertThat(arrayArguments.error().get("code").asInt()).isEqualTo(-32602);
        assertThat(arrayArguments.error().get("message").asString()).contains("arguments");
    }

    @Test
    void removed_and_unknown_methods_get_404_and_method_not_found() {
        for (var method : List.of(
                "initialize",
                "ping",
                "logging/setLevel",
                "resources/subscribe",
                "tasks/list",
                "tasks/result",
                "no/such")) {
            var answer = call(method, "{}").send();
            assertThat(answer.status()).as(method).isEqualTo(404);
            assertThat(answer.error().get("code").asInt()).as(method).isEqualTo(-32601);
        }
    }

    @Test
    void an_async_call_becomes_a_task_that_tasks_get_follows_to_its_result() {
        var started = call("tools/call", bulkImport("task-1", 3)).send().result();

        assertThat(started.get("resultType").asString()).isEqualTo("task");
        assertThat(started.get("status").asString()).isEqualTo("working");
        var taskId = started.get("taskId").asString();
        var done = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> call("tasks/get", "{\"taskId\":\"" + taskId + "\"}")
                                .send()
                                .result(),
                        task -> task.get("status").asString().equals("completed"));
        assertThat(done.at("/result/structuredContent/issues").size()).isEqualTo(3);
        assertThat(done.get("resultType").asString()).isEqualTo("complete");
    }

    @Test
    void a_client_without_the_tasks_extension_gets_a_resource_link_and_may_not_ask_for_tasks() {
        var result =
                callWithoutTasks("tools/call", bulkImport("link-1", 2)).send().result();

        assertThat(result.get("resultType").asString()).isEqualTo("complete");
        assertThat(result.at("/content/0/type").asString()).isEqualTo("resource_link");
        var uri = result.at("/content/0/uri").asString();
        var read = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> callWithoutTasks("resources/read", "{\"uri\":\"" + uri + "\"}")
                                .send()
                                .result(),
                        contents -> contents.at("/contents/0/text").asString().contains("\"succeeded\""));
        assertThat(read.get("cacheScope").asString()).isEqualTo("private");

        var refused = callWithoutTasks("tasks/get", "{\"taskId\":\"x\"}").send();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("code").asInt()).isEqualTo(-32021);
        assertThat(refused.error().at("/data/requiredCapabilities/extensions").has(TASKS))
                .isTrue();
    }

    @Test
    void an_unknown_task_or_resource_is_invalid_params_naming_it() {
        var task = call("tasks/get", "{\"taskId\":\"no-such-task\"}").send();
        assertThat(task.error().get("code").asInt()).isEqualTo(-32602);
        assertThat(task.error().get("message").asString()).contains("no-such-task");

        var uri = "actionport://executions/no-such-execution";
        var resource = call("resources/read", "{\"uri\":\"" + uri + "\"}").send();
        assertThat(resource.error().get("code").asInt()).isEqualTo(-32602);
        assertThat(resource.error().at("/data/uri").asString()).isEqualTo(uri);
    }

    @Test
    void tasks_cancel_cancels_the_execution() throws Exception {
        // Many issues at ~100 ms each: still working when cancelled.
        var taskId = call("tools/call", bulkImport("cancel-1", 60))
                .send()
                .result()
                .get("taskId")
                .asString();

        var ack = call("tasks/cancel", "{\"taskId\":\"" + taskId + "\"}").send();

        assertThat(ack.result().get("resultType").asString()).isEqualTo("complete");
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> call("tasks/get", "{\"taskId\":\"" + taskId + "\"}")
                                .send()
                                .result()
                                .get("status")
                                .asString(),
                        status -> status.equals("cancelled"));
    }

    @Test
    void progress_goes_out_on_the_calls_own_stream_before_its_result() {
        // An async-when-slow action that finishes within its budget answers on this stream, after its progress.
        var answer = call(
                        "tools/call",
                        "{\"name\":\"sometimes-slow\",\"arguments\":{\"batch\":\"p\",\"millis\":20},"
                                + "\"_meta\":{\"progressToken\":\"p-1\"}}")
                .header("Provider-Config-Key", "fake")
                .header("Connection-Id", null)
                .send();
        var methods = answer.messages().stream()
                .map(message -> message.has("method") ? message.get("method").asString() : "result")
                .toList();
        assertThat(methods.getLast()).isEqualTo("result");
        assertThat(methods).contains("notifications/progress");
        assertThat(answer.messages().getFirst().at("/params/progressToken").asString())
                .isEqualTo("p-1");
    }

    @Test
    void log_lines_reach_the_call_only_at_or_above_the_level_its_request_names() {
        var create = "{\"name\":\"create-issue\",\"arguments\":{\"title\":\"logged\"},\"_meta\":{"
                + "\"io.modelcontextprotocol/logLevel\":\"LEVEL\"}}";

        var info = call("tools/call", create.replace("LEVEL", "info")).send();
        var error = call("tools/call", create.replace("LEVEL", "error")).send();
        var none = call("tools/call", "{\"name\":\"create-issue\",\"arguments\":{\"title\":\"quiet\"}}")
                .send();
        var bad = call("tools/call", create.replace("LEVEL", "loud")).send();

        var logged = info.messages().stream()
                .filter(message -> message.path("method").asString("").equals("notifications/message"))
                .toList();
        assertThat(logged).isNotEmpty();
        assertThat(logged).allSatisfy(message -> {
            assertThat(message.at("/params/logger").asString()).isEqualTo("create-issue");
            assertThat(message.at("/params/level").asString()).isIn("info", "warning", "error");
        });
        assertThat(info.result().get("isError").asBoolean()).isFalse();
        assertThat(info.result().at("/structuredContent/url").asString()).contains("/demo-provider/issues/");
        assertThat(error.messages()).noneMatch(message -> message.has("method"));
        assertThat(none.messages()).hasSize(1);
        assertThat(bad.error().get("code").asInt()).isEqualTo(-32602);
        assertThat(bad.error().get("message").asString()).contains("logLevel");
    }

    record Regional(
            @io.actionport.sdk.McpHeader("Region") String region,

            @io.actionport.sdk.McpHeader("Shard") @io.actionport.sdk.Optional
            Integer shard) {}

    /** Echoes its region: a tool whose arguments are mirrored in headers. */
    static final class RegionalEcho implements io.actionport.sdk.Action<Regional, Regional> {
        @Override
        public io.actionport.sdk.ActionDescriptor<Regional, Regional> descriptor() {
            return io.actionport.sdk.ActionDescriptor.builder("demo", "regional-echo", Regional.class, Regional.class)
                    .description("Echoes its region.")
                    .hints(io.actionport.sdk.ActionHints.READ)
                    .build();
        }

        @Override
        public Regional run(Regional input, io.actionport.sdk.ActionContext context) {
            return input;
        }
    }

    @Test
    void arguments_a_tool_mirrors_in_headers_must_come_with_matching_mcp_param_headers() {
        server.server.registry().deploy("dev", Bundle.of("regional", new RegionalEcho()), List.of());
        try {
            var tool = call("tools/list", "{}")
                    .send()
                    .result()
                    .get("tools")
                    .valueStream()
                    .filter(each -> each.get("name").asString().equals("regional-echo"))
                    .findFirst()
                    .orElseThrow();
            assertThat(tool.at("/inputSchema/properties/region/x-mcp-header").asString())
                    .isEqualTo("Region");
            var arguments = "{\"name\":\"regional-echo\",\"arguments\":{\"region\":\"eu-west\",\"shard\":7}}";

            var missing = call("tools/call", arguments).send();
            var wrong = call("tools/call", arguments)
                    .header("Mcp-Param-Region", "us-east")
                    .header("Mcp-Param-Shard", "7")
                    .send();
            var right = call("tools/call", arguments)
                    .header("Mcp-Param-Region", "=?base64?ZXUtd2VzdA==?=")
                    .header("Mcp-Param-Shard", "07")
                    .send();

            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.error().get("code").asInt()).isEqualTo(-32020);
            assertThat(missing.error().get("message").asString()).contains("Mcp-Param-Region");
            assertThat(wrong.error().get("message").asString()).contains("'us-east'", "eu-west");
            assertThat(right.result().at("/structuredContent/region").asString())
                    .isEqualTo("eu-west");
        } finally {
            server.server.registry().undeploy("dev", "regional");
        }
    }

    @Test
    void a_listen_stream_is_acknowledged_then_hears_of_deploys_and_finished_executions() throws Exception {
        var started = call("tools/call", bulkImport("listen-1", 8)).send().result();
        var taskId = started.get("taskId").asString();
        var uri = "actionport://executions/" + taskId;
        var listen = call(
                "subscriptions/listen",
                "{\"notifications\":{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"" + uri
                        + "\"],\"taskIds\":[\"" + taskId + "\"]}}");
        var stream = ListenStream.open(listen);
        var events = stream.events();
        try {
            var ack = events.poll(10, TimeUnit.SECONDS);
            assertThat(ack.get("method").asString()).isEqualTo("notifications/subscriptions/acknowledged");
            assertThat(ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId")
                            .asInt())
                    .isEqualTo(7);
            assertThat(ack.at("/params/notifications/toolsListChanged").asBoolean())
                    .isTrue();

            server.server.registry().deploy("dev", Bundle.of("listened", new TestActions.FakeEcho()), List.of());
            var seen = new ArrayList<String>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode event;
                while ((event = events.poll()) != null) {
                    assertThat(event.at("/params/_meta/io.modelcontextprotocol~1subscriptionId")
                                    .asInt())
                            .isEqualTo(7);
                    seen.add(event.get("method").asString());
                }
                return seen.containsAll(List.of(
                        "notifications/tools/list_changed", "notifications/resources/updated", "notifications/tasks"));
            });
        } finally {
            server.server.registry().undeploy("dev", "listened");
            stream.close();
        }
    }

    @Test
    void the_session_era_keeps_working_beside_it() {
        var client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, "demo", tools -> {});
        try {
            var result = client.callTool(
                    new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("echo", Map.of("message", "legacy")));
            assertThat(result.structuredContent()).isEqualTo(Map.of("message", "legacy"));
        } finally {
            client.closeGracefully();
        }
    }

    private static String bulkImport(String batch, int count) {
        return "{\"name\":\"bulk-import\",\"arguments\":" + issues(batch, count) + "}";
    }

    private static String issues(String batch, int count) {
        var issues = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            issues.addObject().put("title", "issue " + i);
        }
        var arguments = Json.MAPPER.createObjectNode().put("batch_id", batch);
        arguments.set("issues", issues);
        return arguments.toString();
    }
}
