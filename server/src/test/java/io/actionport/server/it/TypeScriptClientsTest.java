package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The official TypeScript MCP clients against {@code /mcp} over Streamable HTTP, each driven by a
 * committed script of {@code src/test/node} run with the pinned Node: list the demo tools, call
 * {@code echo}, call the async {@code bulk-import} and read its result resource until the execution
 * ends. Each script prints a JSON summary of what it saw.
 */
class TypeScriptClientsTest {

    private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;

    static NodeTools node;
    static TestServer server;

    @BeforeAll
    static void start() {
        node = NodeTools.installed();
        server = new TestServer(dataDir);
        server.server.registry().deploy("dev", Bundle.of("ts-asking", new AskName()), List.of());
    }

    record Nothing() {}

    record UserName(@Description("Your name.") String name) {}

    record Greeting(String greeting) {}

    /** Asks the user their name (an elicitation), then greets them. */
    static final class AskName implements Action<Nothing, Greeting> {
        @Override
        public ActionDescriptor<Nothing, Greeting> descriptor() {
            return ActionDescriptor.builder("demo", "ask-name", Nothing.class, Greeting.class)
                    .description("Asks the user their name, then greets them.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Greeting run(Nothing input, ActionContext context) {
            var answer = context.elicit("What is your name?", UserName.class);
            return new Greeting(
                    "Hello, " + (answer.accepted() ? answer.content().name() : "stranger") + "!");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_ts_sdk_v1_client_lists_calls_and_follows_an_async_result() {
        var summary = runScript("ts-sdk-v1-client.mjs");

        assertThat(summary.path("protocolVersion").asString()).isEqualTo("2025-11-25");
        assertListsCallsAndFollows(summary);
    }

    @Test
    void the_ts_client_v2_in_its_default_legacy_mode_lists_calls_and_follows_an_async_result() {
        var summary = runScript("ts-client-v2.mjs", "default");

        assertThat(summary.path("era").asString()).isEqualTo("legacy");
        assertThat(summary.path("protocolVersion").asString()).isEqualTo("2025-11-25");
        assertListsCallsAndFollows(summary);
    }

    @Test
    void the_ts_client_v2_in_auto_mode_negotiates_the_modern_era_and_lists_calls_and_follows() {
        var summary = runScript("ts-client-v2.mjs", "auto");

        assertThat(summary.path("era").asString()).isEqualTo("modern");
        assertThat(summary.path("protocolVersion").asString()).isEqualTo("2026-07-28");
        assertListsCallsAndFollows(summary);
    }

    @Test
    void the_ts_client_v2_pinned_to_2026_07_28_lists_calls_and_follows_an_async_result() {
        var summary = runScript("ts-client-v2.mjs", "pin:2026-07-28");

        assertThat(summary.path("era").asString()).isEqualTo("modern");
        assertThat(summary.path("protocolVersion").asString()).isEqualTo("2026-07-28");
        assertListsCallsAndFollows(summary);
    }

    private static void assertListsCallsAndFollows(JsonNode summary) {
        assertThat(summary.path("server").asString()).isEqualTo("actionport");
        assertThat(texts(summary.path("tools"))).contains("echo", "create-issue", "list-issues", "bulk-import");

        var echo = summary.path("echo");
        assertThat(echo.path("isError").asBoolean()).isFalse();
        assertThat(echo.path("structuredContent"))
                .isEqualTo(Json.MAPPER.createObjectNode().put("message", "hi from node"));

        var bulk = summary.path("bulkImport");
        assertThat(bulk.path("isError").asBoolean()).isFalse();
        assertThat(texts(bulk.path("contentTypes"))).first().isEqualTo("resource_link");
        assertThat(bulk.path("link").asString()).startsWith("actionport://executions/");
        assertThat(bulk.path("reads").asInt()).isPositive();
        assertThat(bulk.path("status").asString()).isEqualTo("succeeded");
        assertThat(bulk.path("output").path("batch_id").asString()).startsWith("node-");

        var elicitation = summary.path("elicitation");
        assertThat(texts(elicitation.path("questions"))).contains("What is your name?");
        assertThat(elicitation.path("isError").asBoolean()).isFalse();
        assertThat(elicitation.path("structuredContent").path("greeting").asString())
                .isEqualTo("Hello, Ada!");
        assertThat(texts(bulk.path("output").path("issues").findValues("title").stream()))
                .containsExactly("a", "b");
    }

    /** Runs a client script against the server's {@code /mcp}, scoped to the demo integration; its summary. */
    private static JsonNode runScript(String script, String... extraArguments) {
        var arguments = new ArrayList<>(
                List.of(node.script(script).toString(), server.baseUrl() + "/mcp", TestServer.DEV_KEY, "demo"));
        arguments.addAll(List.of(extraArguments));
        var outputDir = Stream.concat(Stream.of(script.replace(".mjs", "")), Stream.of(extraArguments))
                .collect(Collectors.joining("-"))
                .replaceAll("[^A-Za-z0-9.-]", "-");
        var run = node.run(node.freshOutputDir(outputDir), SCRIPT_LIMIT, arguments);
        System.out.println(script + " " + String.join(" ", extraArguments) + ": "
                + run.took().toMillis() + " ms");

        var lines = run.stdout().strip().lines().toList();
        assertThat(lines).as("the script's summary line; %s", run.output()).isNotEmpty();
        var summary = Json.MAPPER.readTree(lines.getLast());
        assertThat(summary.has("error"))
                .as("the script failed: %s%n%s", summary.path("error").asString(), run.output())
                .isFalse();
        assertThat(run.exitCode()).as(run.output()).isZero();
        return summary;
    }

    private static List<String> texts(JsonNode array) {
        return texts(array.valueStream());
    }

    private static List<String> texts(Stream<JsonNode> values) {
        return values.map(JsonNode::asString).toList();
    }
}
