package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Ask;
import io.actionport.sdk.Description;
import io.actionport.sdk.ExecutionMode;
import io.actionport.sdk.Prompt;
import io.actionport.sdk.PromptMessage;
import io.actionport.sdk.PromptsAndResources;
import io.actionport.sdk.ResourceTemplate;
import io.actionport.sdk.StaticResource;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Questions around tasks and prompts: a background action that asks before its task exists, one
 * that asks two things at once while it runs, one that only runs as a task, one that crashes, and
 * a prompt that asks before it renders, in both eras.
 */
class McpTaskQuestionsTest {

    record Project(@Description("The project to export.") String project) {}

    record Exported(String project, String format) {}

    record Format(@Description("The file format.") String format) {}

    record Go(@Description("Whether to go on.") Boolean go) {}

    record Empty() {}

    /** How many exports ran: none may start before its first question is answered. */
    static final AtomicInteger exports = new AtomicInteger();

    /** Asks the format before its task is created, then exports in the background. */
    static final class Export implements Action<Project, Exported> {
        @Override
        public ActionDescriptor<Project, Exported> descriptor() {
            return ActionDescriptor.builder("tasking", "export", Project.class, Exported.class)
                    .description("Exports a project in the format the user picks.")
                    .hints(ActionHints.READ)
                    .mode(ExecutionMode.ASYNC)
                    .askBeforeRunning(input -> Ask.form("Export " + input.project() + " as?", Format.class))
                    .build();
        }

        @Override
        public Exported run(Project input, ActionContext context) {
            var format = context.elicit("Export " + input.project() + " as?", Format.class);
            exports.incrementAndGet();
            return new Exported(
                    input.project(), format.accepted() ? format.content().format() : "none");
        }
    }

    /** Asks a format and a go-ahead at once while it runs, and only as a task. */
    static final class Migrate implements Action<Project, Exported> {
        @Override
        public ActionDescriptor<Project, Exported> descriptor() {
            return ActionDescriptor.builder("tasking", "migrate", Project.class, Exported.class)
                    .description("Migrates a project after two answers.")
                    .hints(ActionHints.READ)
                    .mode(ExecutionMode.ASYNC)
                    .requireTasks()
                    .build();
        }

        @Override
        public Exported run(Project input, ActionContext context) {
            var answers = context.askAll(Ask.form("Which format?", Format.class), Ask.form("Go on?", Go.class));
            var go = answers.form(1, Go.class);
            var format = answers.form(0, Format.class);
            return new Exported(
                    input.project(),
                    go.accepted() && go.content().go() ? format.content().format() : "stopped");
        }
    }

    /** Crashes in the background. */
    static final class Crash implements Action<Empty, Empty> {
        @Override
        public ActionDescriptor<Empty, Empty> descriptor() {
            return ActionDescriptor.builder("tasking", "crash", Empty.class, Empty.class)
                    .description("Crashes.")
                    .hints(ActionHints.READ)
                    .mode(ExecutionMode.ASYNC)
                    .build();
        }

        @Override
        public Empty run(Empty input, ActionContext context) {
            throw new IllegalStateException("boom");
        }
    }

    record Audience(@Description("Who reads the summary.") String audience) {}

    /** A prompt that asks its audience first. */
    static final class Prompts implements PromptsAndResources {
        @Override
        public List<Prompt> prompts() {
            return List.of(Prompt.builder("summarize")
                    .description("Summarizes for an audience the user names.")
                    .messages((arguments, client) -> {
                        var audience = client.elicit("Who is the summary for?", Audience.class);
                        return List.of(PromptMessage.user("Summarize for "
                                + (audience.accepted() ? audience.content().audience() : "anyone") + "."));
                    })
                    .build());
        }

        @Override
        public List<StaticResource> resources() {
            return List.of();
        }

        @Override
        public List<ResourceTemplate> resourceTemplates() {
            return List.of();
        }
    }

    @TempDir
    static Path dataDir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
        server.deployWithoutProvider(
                "tasking", "conn", Bundle.of("tasking", new Prompts(), new Export(), new Migrate(), new Crash()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static StatelessCall call(String method, String params, boolean tasks, boolean elicitation) {
        var meta = StatelessCall.defaultMeta(tasks);
        if (elicitation) {
            ((ObjectNode) meta.get("io.modelcontextprotocol/clientCapabilities")).putObject("elicitation");
        }
        return StatelessCall.of(server.baseUrl(), method, params, tasks)
                .header("Provider-Config-Key", "tasking")
                .header("Connection-Id", "conn")
                .meta(meta);
    }

    static JsonNode taskWhen(String taskId, String status) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> call("tasks/get", "{\"taskId\":\"" + taskId + "\"}", true, true)
                                .send()
                                .result(),
                        task -> task.get("status").asString().equals(status));
    }

    @Test
    void a_question_asked_before_running_is_answered_before_the_task_exists_and_reaches_the_action() {
        var before = exports.get();
        var executionsBefore = server.server
                .executions()
                .search("dev", ExecutionStore.Filter.ALL, 1_000)
                .size();
        var first = call("tools/call", "{\"name\":\"export\",\"arguments\":{\"project\":\"apollo\"}}", true, true)
                .send()
                .result();

        assertThat(first.get("resultType").asString()).isEqualTo("input_required");
        assertThat(first.has("taskId")).isFalse();
        assertThat(first.at("/inputRequests/format/params/message").asString()).isEqualTo("Export apollo as?");
        assertThat(server.server
                        .executions()
                        .search("dev", ExecutionStore.Filter.ALL, 1_000)
                        .size())
                .as("no execution exists before the answer")
                .isEqualTo(executionsBefore);

        var retry = Json.MAPPER.createObjectNode().put("name", "export");
        retry.putObject("arguments").put("project", "apollo");
        retry.set("requestState", first.get("requestState"));
        retry.set(
                "inputResponses",
                Json.MAPPER.readTree("{\"format\":{\"action\":\"accept\",\"content\":{\"format\":\"csv\"}}}"));
        var task = call("tools/call", retry.toString(), true, true).send().result();

        assertThat(task.get("resultType").asString()).isEqualTo("task");
        assertThat(task.has("requestState")).isFalse();
        var done = taskWhen(task.get("taskId").asString(), "completed");
        assertThat(done.at("/result/structuredContent/format").asString()).isEqualTo("csv");
        assertThat(done.has("inputRequests")).isFalse();
        assertThat(exports.get()).isEqualTo(before + 1);
    }

    @Test
    void an_answer_that_does_not_fit_the_first_question_creates_no_task() {
        var executionsBefore = server.server
                .executions()
                .search("dev", ExecutionStore.Filter.ALL, 1_000)
                .size();
        var first = call("tools/call", "{\"name\":\"export\",\"arguments\":{\"project\":\"b\"}}", true, true)
                .send()
                .result();
        var retry = Json.MAPPER.createObjectNode().put("name", "export");
        retry.putObject("arguments").put("project", "b");
        retry.set("requestState", first.get("requestState"));
        retry.set(
                "inputResponses",
                Json.MAPPER.readTree("{\"format\":{\"action\":\"accept\",\"content\":{\"format\":7}}}"));

        var refused = call("tools/call", retry.toString(), true, true).send().result();

        assertThat(refused.get("isError").asBoolean()).isTrue();
        assertThat(refused.toString()).contains("invalid_elicitation_answer", "format");
        assertThat(server.server
                        .executions()
                        .search("dev", ExecutionStore.Filter.ALL, 1_000)
                        .size())
                .isEqualTo(executionsBefore);
    }

    @Test
    void a_task_shows_two_questions_at_once_and_waits_until_both_are_answered() {
        var task = call("tools/call", "{\"name\":\"migrate\",\"arguments\":{\"project\":\"zeus\"}}", true, true)
                .send()
                .result();
        var taskId = task.get("taskId").asString();

        var waiting = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> call("tasks/get", "{\"taskId\":\"" + taskId + "\"}", true, true)
                                .send()
                                .result(),
                        got -> got.path("inputRequests").size() == 2);
        assertThat(waiting.get("inputRequests").propertyNames()).containsExactlyInAnyOrder("format", "go");

        call(
                        "tasks/update",
                        "{\"taskId\":\"" + taskId
                                + "\",\"inputResponses\":{\"go\":{\"action\":\"accept\",\"content\":{\"go\":true}}}}",
                        true,
                        true)
                .send();
        var half = call("tasks/get", "{\"taskId\":\"" + taskId + "\"}", true, true)
                .send()
                .result();
        assertThat(half.get("status").asString()).isEqualTo("input_required");
        assertThat(half.get("inputRequests").propertyNames()).containsExactly("format");

        call(
                        "tasks/update",
                        "{\"taskId\":\"" + taskId + "\",\"inputResponses\":{\"format\":{\"action\":\"accept\","
                                + "\"content\":{\"format\":\"parquet\"}}}}",
                        true,
                        true)
                .send();
        var done = taskWhen(taskId, "completed");
        assertThat(done.at("/result/structuredContent/format").asString()).isEqualTo("parquet");
    }

    @Test
    void a_tool_that_runs_only_as_a_task_refuses_a_client_without_tasks_and_names_the_extension() {
        var refused = call("tools/call", "{\"name\":\"migrate\",\"arguments\":{\"project\":\"x\"}}", false, true)
                .send();

        assertThat(refused.error().get("code").asInt()).isEqualTo(-32021);
        assertThat(refused.error().at("/data/requiredCapabilities/extensions").has(StatelessCall.TASKS))
                .isTrue();
        assertThat(refused.error().get("message").asString()).contains("migrate", "runs only as a task");
    }

    @Test
    void a_crashed_action_is_a_failed_task_with_a_json_rpc_error_and_no_result() {
        var task = call("tools/call", "{\"name\":\"crash\",\"arguments\":{}}", true, false)
                .send()
                .result();

        var failed = taskWhen(task.get("taskId").asString(), "failed");

        assertThat(failed.has("result")).isFalse();
        assertThat(failed.at("/error/code").asInt()).isEqualTo(-32603);
        assertThat(failed.at("/error/message").asString()).contains("tasking/crash", "boom");
        assertThat(failed.at("/error/data/code").asString()).isEqualTo("action_crashed");
    }

    @Test
    void a_prompt_asks_in_the_stateless_era_and_renders_with_the_answer() {
        var first = call("prompts/get", "{\"name\":\"summarize\"}", false, true)
                .send()
                .result();
        assertThat(first.get("resultType").asString()).isEqualTo("input_required");
        assertThat(first.at("/inputRequests/audience/params/message").asString())
                .isEqualTo("Who is the summary for?");

        var retry = Json.MAPPER.createObjectNode().put("name", "summarize");
        retry.set("requestState", first.get("requestState"));
        retry.set(
                "inputResponses",
                Json.MAPPER.readTree(
                        "{\"audience\":{\"action\":\"accept\",\"content\":{\"audience\":\"the board\"}}}"));
        var rendered = call("prompts/get", retry.toString(), false, true).send().result();

        assertThat(rendered.get("resultType").asString()).isEqualTo("complete");
        assertThat(rendered.at("/messages/0/content/text").asString()).isEqualTo("Summarize for the board.");
    }

    @Test
    void a_prompt_state_cannot_be_replayed_to_a_tool() {
        var first = call("prompts/get", "{\"name\":\"summarize\"}", false, true)
                .send()
                .result();
        var replay = Json.MAPPER.createObjectNode().put("name", "summarize");
        replay.putObject("arguments");
        replay.set("requestState", first.get("requestState"));

        var refused = call("tools/call", replay.toString(), true, true).send();

        assertThat(refused.error().get("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void a_prompt_without_a_client_that_can_answer_gets_minus_32021() {
        var refused =
                call("prompts/get", "{\"name\":\"summarize\"}", false, false).send();

        assertThat(refused.error().get("code").asInt()).isEqualTo(-32021);
        assertThat(refused.error().at("/data/requiredCapabilities").has("elicitation"))
                .isTrue();
    }

    @Test
    void a_prompt_asks_a_session_client_through_elicitation() {
        var client = McpClients.answering(
                server.baseUrl(),
                "tasking",
                "conn",
                request -> new McpSchema.ElicitResult(
                        McpSchema.ElicitResult.Action.ACCEPT, Map.of("audience", "new hires")));
        try {
            var rendered = client.getPrompt(new McpSchema.GetPromptRequest("summarize", Map.of()));

            assertThat(((McpSchema.TextContent) rendered.messages().getFirst().content()).text())
                    .isEqualTo("Summarize for new hires.");
        } finally {
            client.closeGracefully();
        }
    }
}
