package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Actions that ask the human: elicitation/create in the session era, input_required in the stateless one. */
class McpElicitationTest {

    record Target(@Description("What to delete.") String name) {}

    record Deleted(String name, String color) {}

    record Color(@Description("A color.") String color) {}

    /** How many times the delete ran past its questions: a side effect must happen once, after both answers. */
    static final AtomicInteger deletions = new AtomicInteger();

    /** Asks for confirmation, then a color, then "deletes". */
    static final class AskingDelete implements Action<Target, Deleted> {
        @Override
        public ActionDescriptor<Target, Deleted> descriptor() {
            return ActionDescriptor.builder("asking", "delete-thing", Target.class, Deleted.class)
                    .description("Deletes a thing after asking.")
                    .hints(new ActionHints(false, false, true, false))
                    .build();
        }

        @Override
        public Deleted run(Target input, ActionContext context) {
            if (!context.confirm("Delete " + input.name() + "? This cannot be undone.")) {
                throw new ActionException("not_confirmed", "the deletion of " + input.name() + " was not confirmed");
            }
            var color = context.elicit("Which color was it?", Color.class);
            deletions.incrementAndGet();
            return new Deleted(input.name(), color.accepted() ? color.content().color() : "unknown");
        }
    }

    /** How many purges ran. */
    static final AtomicInteger purges = new AtomicInteger();

    /** A destructive action that has the server confirm it, from its input, before it runs. */
    static final class Purge implements Action<Target, Deleted> {
        @Override
        public ActionDescriptor<Target, Deleted> descriptor() {
            return ActionDescriptor.builder("asking", "purge", Target.class, Deleted.class)
                    .description("Purges a thing.")
                    .hints(new ActionHints(false, false, true, false))
                    .confirmBeforeRunning(input -> "Purge " + input.name() + " and everything in it?")
                    .build();
        }

        @Override
        public Deleted run(Target input, ActionContext context) {
            purges.incrementAndGet();
            return new Deleted(input.name(), "gone");
        }
    }

    /** A background deletion that asks for confirmation while it runs as a task. */
    static final class BackgroundDelete implements Action<Target, Deleted> {
        @Override
        public ActionDescriptor<Target, Deleted> descriptor() {
            return ActionDescriptor.builder("asking", "delete-later", Target.class, Deleted.class)
                    .description("Deletes a thing in the background after asking.")
                    .hints(new ActionHints(false, false, true, false))
                    .mode(io.actionport.sdk.ExecutionMode.ASYNC)
                    .build();
        }

        @Override
        public Deleted run(Target input, ActionContext context) {
            if (!context.confirm("Delete " + input.name() + " in the background?")) {
                throw new ActionException("not_confirmed", "not confirmed");
            }
            return new Deleted(input.name(), "later");
        }
    }

    @TempDir
    static Path dataDir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
        server.deployWithoutProvider(
                "asking", "fake-conn", Bundle.of("asking", new AskingDelete(), new Purge(), new BackgroundDelete()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static StatelessCall call(String params, boolean elicitation) {
        var meta = StatelessCall.defaultMeta(false);
        if (elicitation) {
            ((ObjectNode) meta.get("io.modelcontextprotocol/clientCapabilities")).putObject("elicitation");
        }
        return StatelessCall.of(server.baseUrl(), "tools/call", params, false)
                .header("Provider-Config-Key", "asking")
                .header("Connection-Id", "fake-conn")
                .meta(meta);
    }

    static String retry(String name, JsonNode state, String responses) {
        var params = Json.MAPPER.createObjectNode().put("name", "delete-thing");
        params.putObject("arguments").put("name", name);
        if (state != null) {
            params.set("requestState", state);
        }
        params.set("inputResponses", Json.MAPPER.readTree(responses));
        return params.toString();
    }

    @Test
    void a_session_client_answers_elicitation_requests_and_the_action_goes_on() {
        var asked = new CopyOnWriteArrayList<McpSchema.ElicitRequest>();
        var client = McpClients.answering(server.baseUrl(), "asking", "fake-conn", request -> {
            asked.add(request);
            var content = request.message().startsWith("Delete")
                    ? Map.<String, Object>of("confirm", true)
                    : Map.<String, Object>of("color", "teal");
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, content);
        });
        try {
            var result = client.callTool(new McpSchema.CallToolRequest("delete-thing", Map.of("name", "session")));

            assertThat(result.isError()).as(result.toString()).isFalse();
            assertThat(result.structuredContent()).isEqualTo(Map.of("name", "session", "color", "teal"));
            assertThat(asked)
                    .extracting(McpSchema.ElicitRequest::message)
                    .containsExactly("Delete session? This cannot be undone.", "Which color was it?");
            assertThat(String.valueOf(((McpSchema.ElicitFormRequest) asked.getFirst()).requestedSchema()))
                    .contains("confirm", "boolean");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void a_session_client_without_elicitation_gets_the_actions_refusal() {
        var client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, "asking", tools -> {});
        try {
            var result = client.callTool(new McpSchema.CallToolRequest("delete-thing", Map.of("name", "nobody")));

            assertThat(result.isError()).isTrue();
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                    .contains("elicitation_unavailable");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void a_stateless_call_asks_round_by_round_and_runs_its_side_effect_once() {
        var before = deletions.get();
        var first = call("{\"name\":\"delete-thing\",\"arguments\":{\"name\":\"x\"}}", true)
                .send()
                .result();

        assertThat(first.get("resultType").asString()).isEqualTo("input_required");
        assertThat(first.has("ttlMs")).isFalse();
        var firstKey = first.get("inputRequests").propertyNames().iterator().next();
        var question = first.at("/inputRequests/" + firstKey);
        assertThat(question.get("method").asString()).isEqualTo("elicitation/create");
        assertThat(question.at("/params/message").asString()).isEqualTo("Delete x? This cannot be undone.");
        assertThat(question.at("/params/requestedSchema/properties/confirm/type")
                        .asString())
                .isEqualTo("boolean");

        var second = call(
                        retry(
                                "x",
                                first.get("requestState"),
                                "{\"" + firstKey + "\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}"),
                        true)
                .send()
                .result();
        assertThat(second.get("resultType").asString()).isEqualTo("input_required");
        var secondKey = second.get("inputRequests").propertyNames().iterator().next();
        assertThat(secondKey).isNotEqualTo(firstKey);
        assertThat(deletions.get()).isEqualTo(before);

        var done = call(
                        retry(
                                "x",
                                second.get("requestState"),
                                "{\"" + secondKey + "\":{\"action\":\"accept\",\"content\":{\"color\":\"red\"}}}"),
                        true)
                .send()
                .result();
        assertThat(done.get("resultType").asString()).isEqualTo("complete");
        assertThat(done.at("/structuredContent/color").asString()).isEqualTo("red");
        assertThat(deletions.get()).isEqualTo(before + 1);
    }

    @Test
    void a_declined_confirmation_stops_the_action() {
        var first = call("{\"name\":\"delete-thing\",\"arguments\":{\"name\":\"keep\"}}", true)
                .send()
                .result();
        var key = first.get("inputRequests").propertyNames().iterator().next();

        var declined = call(
                        retry("keep", first.get("requestState"), "{\"" + key + "\":{\"action\":\"decline\"}}"), true)
                .send()
                .result();

        assertThat(declined.get("isError").asBoolean()).isTrue();
        assertThat(declined.at("/content/0/text").asString()).contains("not_confirmed");
    }

    @Test
    void a_tampered_foreign_or_malformed_state_is_refused() {
        var first = call("{\"name\":\"delete-thing\",\"arguments\":{\"name\":\"y\"}}", true)
                .send()
                .result();
        var key = first.get("inputRequests").propertyNames().iterator().next();
        var answer = "{\"" + key + "\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}";
        var state = first.get("requestState").asString();

        var tampered = call(retry("y", Json.MAPPER.getNodeFactory().stringNode(state + "-TAMPERED"), answer), true)
                .send();
        var otherArguments =
                call(retry("z", first.get("requestState"), answer), true).send();
        var notAnObject =
                call(retry("y", first.get("requestState"), "12345"), true).send();

        for (var refused : List.of(tampered, otherArguments, notAnObject)) {
            assertThat(refused.error().get("code").asInt()).isEqualTo(-32602);
        }
        assertThat(tampered.error().get("message").asString()).contains("requestState");
        assertThat(otherArguments.error().get("message").asString()).contains("another call");
        assertThat(notAnObject.error().get("message").asString()).contains("inputResponses");
    }

    @Test
    void a_stateless_client_without_elicitation_is_never_asked_and_told_what_to_declare() {
        var before = deletions.get();
        var answer = call("{\"name\":\"delete-thing\",\"arguments\":{\"name\":\"w\"}}", false)
                .send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(-32021);
        assertThat(answer.error().at("/data/requiredCapabilities").has("elicitation"))
                .isTrue();
        assertThat(deletions.get()).isEqualTo(before);
    }

    @Test
    void a_destructive_action_shows_what_it_will_do_and_runs_only_when_confirmed() {
        var before = purges.get();
        var asked = call("{\"name\":\"purge\",\"arguments\":{\"name\":\"attic\"}}", true)
                .send()
                .result();

        assertThat(asked.get("resultType").asString()).isEqualTo("input_required");
        assertThat(asked.at("/inputRequests/confirmation/params/message").asString())
                .isEqualTo("Purge attic and everything in it?");
        var declined = call(
                        "{\"name\":\"purge\",\"arguments\":{\"name\":\"attic\"},\"requestState\":"
                                + asked.get("requestState") + ",\"inputResponses\":{\"confirmation\":"
                                + "{\"action\":\"accept\",\"content\":{\"confirm\":false}}}}",
                        true)
                .send()
                .result();
        assertThat(declined.at("/content/0/text").asString()).contains("not_confirmed", "Purge attic");
        assertThat(purges.get()).isEqualTo(before);

        var confirmed = call(
                        "{\"name\":\"purge\",\"arguments\":{\"name\":\"attic\"},\"requestState\":"
                                + asked.get("requestState") + ",\"inputResponses\":{\"confirmation\":"
                                + "{\"action\":\"accept\",\"content\":{\"confirm\":true}}}}",
                        true)
                .send()
                .result();
        assertThat(confirmed.at("/structuredContent/color").asString()).isEqualTo("gone");
        assertThat(purges.get()).isEqualTo(before + 1);
    }

    @Test
    void a_caller_nobody_can_ask_runs_a_confirmed_action_and_its_log_says_so() throws Exception {
        var before = purges.get();
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve("/action/trigger"))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", "asking")
                        .header("Connection-Id", "fake-conn")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"action_name\":\"purge\",\"input\":{\"name\":\"cellar\"}}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(purges.get()).isEqualTo(before + 1);
        var id = answer.headers().firstValue("X-Execution-Id").orElseThrow();
        assertThat(server.server.executions().logs(id))
                .anySatisfy(line -> assertThat(line.message()).contains("ran without confirmation"));
    }

    @Test
    void a_task_waits_for_input_that_tasks_update_brings_and_then_completes() {
        var meta = StatelessCall.defaultMeta(true);
        ((ObjectNode) meta.get("io.modelcontextprotocol/clientCapabilities")).putObject("elicitation");
        java.util.function.BiFunction<String, String, StatelessCall> call =
                (method, params) -> StatelessCall.of(server.baseUrl(), method, params, true)
                        .header("Provider-Config-Key", "asking")
                        .header("Connection-Id", "fake-conn")
                        .meta(meta);
        var started = call.apply("tools/call", "{\"name\":\"delete-later\",\"arguments\":{\"name\":\"shed\"}}")
                .send()
                .result();
        assertThat(started.get("resultType").asString()).isEqualTo("task");
        var taskId = started.get("taskId").asString();
        var get = "{\"taskId\":\"" + taskId + "\"}";

        var waiting = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> call.apply("tasks/get", get).send().result(),
                        task -> task.get("status").asString().equals("input_required"));
        assertThat(waiting.at("/inputRequests/confirmation/method").asString()).isEqualTo("elicitation/create");
        assertThat(waiting.at("/inputRequests/confirmation/params/message").asString())
                .isEqualTo("Delete shed in the background?");

        var ack = call.apply(
                        "tasks/update",
                        "{\"taskId\":\"" + taskId + "\",\"inputResponses\":{\"confirmation\":{\"action\":\"accept\","
                                + "\"content\":{\"confirm\":true}},\"unknown\":{}}}")
                .send();
        assertThat(ack.result().get("resultType").asString()).isEqualTo("complete");

        var done = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> call.apply("tasks/get", get).send().result(),
                        task -> task.get("status").asString().equals("completed"));
        assertThat(done.at("/result/structuredContent/color").asString()).isEqualTo("later");
        assertThat(done.has("inputRequests")).isFalse();
    }
}
