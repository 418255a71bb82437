package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.ExecutionMode;
import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.Integration;
import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two server nodes on one PostgreSQL database share one queue, and the survivor takes over when one dies. */
class TwoNodesTest {

    record Input(int n) {}

    record Output(String node) {}

    /** Every run of every execution, by execution id: the node that ran it. */
    static final Map<String, List<String>> runs = new ConcurrentHashMap<>();

    /** A non-idempotent write (so never retried) that records which node ran it, then works a little. */
    static final class RecordRun implements Action<Input, Output> {
        private final String node;

        RecordRun(String node) {
            this.node = node;
        }

        @Override
        public ActionDescriptor<Input, Output> descriptor() {
            return ActionDescriptor.builder("shared", "record-run", Input.class, Output.class)
                    .description("Records the node that runs it.")
                    .hints(ActionHints.WRITE)
                    .mode(ExecutionMode.ASYNC)
                    .build();
        }

        @Override
        public Output run(Input input, ActionContext context) throws Exception {
            runs.computeIfAbsent(context.executionId(), id -> new CopyOnWriteArrayList<>())
                    .add(node);
            Thread.sleep(100);
            return new Output(node);
        }
    }

    /** A long async write that records its node, then sleeps until it is cancelled or a minute passes. */
    static final class LongRun implements Action<Input, Output> {
        private final String node;

        LongRun(String node) {
            this.node = node;
        }

        @Override
        public ActionDescriptor<Input, Output> descriptor() {
            return ActionDescriptor.builder("shared", "long-run", Input.class, Output.class)
                    .description("Runs for a minute unless cancelled.")
                    .hints(ActionHints.WRITE)
                    .mode(ExecutionMode.ASYNC)
                    .timeout(Duration.ofMinutes(2))
                    .build();
        }

        @Override
        public Output run(Input input, ActionContext context) throws Exception {
            runs.computeIfAbsent(context.executionId(), id -> new CopyOnWriteArrayList<>())
                    .add(node);
            Thread.sleep(60_000);
            return new Output(node);
        }
    }

    record Answer(@io.actionport.sdk.Description("Go on?") Boolean confirm) {}

    /** A background write that asks its task's client before it goes on, and records its node. */
    static final class AskingRun implements Action<Input, Output> {
        private final String node;

        AskingRun(String node) {
            this.node = node;
        }

        @Override
        public ActionDescriptor<Input, Output> descriptor() {
            return ActionDescriptor.builder("shared", "asking-run", Input.class, Output.class)
                    .description("Asks, then records the node that runs it.")
                    .hints(ActionHints.WRITE)
                    .mode(ExecutionMode.ASYNC)
                    .build();
        }

        @Override
        public Output run(Input input, ActionContext context) {
            var answer = context.elicit("Go on with " + input.n() + "?", Answer.class);
            return new Output(answer.accepted() ? node : "declined");
        }
    }

    @TempDir
    Path dataDirs;

    @BeforeEach
    void forgetRuns() {
        runs.clear();
    }

    @Test
    void stateless_mcp_requests_round_robined_across_the_nodes_follow_and_cancel_tasks_run_by_either()
            throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("stateless_mcp");
        try (var a = node("node-a", databaseUrl);
                var b = node("node-b", databaseUrl)) {
            a.connections()
                    .saveIntegration(
                            new Integration("dev", "shared", URI.create("http://127.0.0.1:9"), AuthScheme.NONE, null));
            a.connections().create(new Connection("dev", "shared", "conn", Map.of(), Map.of()));
            var nodes = List.of(a.baseUrl(), b.baseUrl());

            // Each task is started on one node and followed on the other, whichever node runs it.
            var taskIds = new ArrayList<String>();
            for (int i = 0; i < 6; i++) {
                var started = shared(
                                nodes.get(i % 2),
                                "tools/call",
                                "{\"name\":\"record-run\",\"arguments\":{\"n\":" + i + "}}")
                        .send()
                        .result();
                assertThat(started.get("resultType").asString()).isEqualTo("task");
                taskIds.add(started.get("taskId").asString());
            }
            for (int i = 0; i < taskIds.size(); i++) {
                var taskId = taskIds.get(i);
                var other = nodes.get((i + 1) % 2);
                var done = await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> shared(other, "tasks/get", "{\"taskId\":\"" + taskId + "\"}")
                                        .send()
                                        .result(),
                                task -> task.get("status").asString().equals("completed"));
                assertThat(done.at("/result/structuredContent/node").asString())
                        .isEqualTo(runs.get(taskId).getFirst());
            }

            var longTask = shared(a.baseUrl(), "tools/call", "{\"name\":\"long-run\",\"arguments\":{\"n\":1}}")
                    .send()
                    .result()
                    .get("taskId")
                    .asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> runs.containsKey(longTask));
            var runner = runs.get(longTask).getFirst().equals("node-a") ? a : b;
            var other = runner == a ? b : a;
            var ack = shared(other.baseUrl(), "tasks/cancel", "{\"taskId\":\"" + longTask + "\"}")
                    .send();
            assertThat(ack.result().get("resultType").asString()).isEqualTo("complete");
            for (var node : nodes) {
                assertThat(shared(node, "tasks/get", "{\"taskId\":\"" + longTask + "\"}")
                                .send()
                                .result()
                                .get("status")
                                .asString())
                        .isEqualTo("cancelled");
            }
        }
    }

    @Test
    void a_task_that_asks_is_answered_through_either_node_and_finishes_where_it_runs() throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("task_input");
        try (var a = node("node-a", databaseUrl);
                var b = node("node-b", databaseUrl)) {
            a.connections()
                    .saveIntegration(
                            new Integration("dev", "shared", URI.create("http://127.0.0.1:9"), AuthScheme.NONE, null));
            a.connections().create(new Connection("dev", "shared", "conn", Map.of(), Map.of()));
            var meta = StatelessCall.defaultMeta(true);
            ((tools.jackson.databind.node.ObjectNode) meta.get("io.modelcontextprotocol/clientCapabilities"))
                    .putObject("elicitation");

            var taskId = shared(a.baseUrl(), "tools/call", "{\"name\":\"asking-run\",\"arguments\":{\"n\":7}}")
                    .meta(meta)
                    .send()
                    .result()
                    .get("taskId")
                    .asString();
            var get = "{\"taskId\":\"" + taskId + "\"}";
            var waiting = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> shared(b.baseUrl(), "tasks/get", get)
                                    .meta(meta)
                                    .send()
                                    .result(),
                            task -> task.get("status").asString().equals("input_required"));
            var key = waiting.get("inputRequests").propertyNames().iterator().next();
            // A listen stream on each node: whichever runs the task, one of them hears it from the store.
            var listen = "{\"notifications\":{\"taskIds\":[\"" + taskId + "\"]}}";
            try (var onA = ListenStream.open(shared(a.baseUrl(), "subscriptions/listen", listen));
                    var onB = ListenStream.open(shared(b.baseUrl(), "subscriptions/listen", listen))) {
                shared(
                                b.baseUrl(),
                                "tasks/update",
                                "{\"taskId\":\"" + taskId + "\",\"inputResponses\":{\"" + key
                                        + "\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}}")
                        .meta(meta)
                        .send();

                for (var stream : List.of(onA, onB)) {
                    var statuses = new ArrayList<String>();
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        tools.jackson.databind.JsonNode event;
                        while ((event = stream.events().poll()) != null) {
                            if (event.path("method").asString().equals("notifications/tasks")) {
                                statuses.add(event.at("/params/status").asString());
                            }
                        }
                        return statuses.contains("completed");
                    });
                    assertThat(statuses).as("each status change announced once").doesNotHaveDuplicates();
                }
            }
            var done = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> shared(a.baseUrl(), "tasks/get", get)
                                    .meta(meta)
                                    .send()
                                    .result(),
                            task -> task.get("status").asString().equals("completed"));
            assertThat(done.at("/result/structuredContent/node").asString()).isIn("node-a", "node-b");
        }
    }

    private static StatelessCall shared(URI node, String method, String params) {
        return StatelessCall.of(node, method, params, true)
                .header("Provider-Config-Key", "shared")
                .header("Connection-Id", "conn");
    }

    @Test
    void two_nodes_on_one_postgresql_share_the_work_and_run_every_execution_exactly_once() throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("two_nodes");
        try (var a = node("node-a", databaseUrl);
                var b = node("node-b", databaseUrl)) {
            a.connections()
                    .saveIntegration(
                            new Integration("dev", "shared", URI.create("http://127.0.0.1:9"), AuthScheme.NONE, null));
            a.connections().create(new Connection("dev", "shared", "conn", Map.of(), Map.of()));

            var ids = triggerConcurrently(List.of(a, b), 40);
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            ids.stream().allMatch(id -> record(a, id).status().isFinished()));
            assertThat(ids).doesNotHaveDuplicates();
            for (var id : ids) {
                assertThat(record(b, id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(record(b, id).attempts()).isEqualTo(1);
            }
            assertThat(runs).containsOnlyKeys(ids);
            assertThat(runs.values()).allSatisfy(nodes -> assertThat(nodes).hasSize(1));
            assertThat(runs.values().stream().map(List::getFirst).distinct())
                    .containsExactlyInAnyOrder("node-a", "node-b");
        }
    }

    @Test
    void killing_a_node_mid_run_hands_its_executions_to_the_node_still_alive() throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("take_over");
        var imports = new ArrayList<String>();
        try (var a = ServerProcess.start(dataDirs.resolve("node-a"), databaseUrl, "--node-name", "node-a")) {
            for (int i = 0; i < 3; i++) {
                imports.add(a.triggerDemo("bulk-import", ServerProcess.bulkImport("take-over-" + i, 20)));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> KilledServerTest.statuses(a, imports).stream().allMatch("running"::equals));

            // Started while node-a runs them all, so node-b has none of them until node-a dies.
            try (var b = node("node-b", databaseUrl)) {
                a.kill();

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> imports.stream()
                                .allMatch(id -> record(b, id).status().isFinished()));
                for (var id : imports) {
                    assertThat(record(b, id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                    assertThat(record(b, id).attempts()).isEqualTo(2);
                }
            }
        }
    }

    private Actionport node(String name, String databaseUrl) {
        var node = Actionport.start(ServerConfig.defaults(dataDirs.resolve(name))
                .withDevKey(TestServer.DEV_KEY)
                .withMasterKey(TestServer.MASTER_KEY)
                .withDatabaseUrl(databaseUrl)
                .withDevWebhook(null, null)
                .withNodeName(name));
        node.registry()
                .deploy(
                        "dev",
                        Bundle.of("two-nodes", new RecordRun(name), new LongRun(name), new AskingRun(name)),
                        List.of());
        return node;
    }

    /** Triggers {@code count} async executions over HTTP at once, alternating between the nodes. */
    private static List<String> triggerConcurrently(List<Actionport> nodes, int count) throws Exception {
        var http = HttpClient.newHttpClient();
        var calls = new ArrayList<Callable<String>>();
        for (int i = 0; i < count; i++) {
            var node = nodes.get(i % nodes.size());
            var body = "{\"action_name\":\"record-run\",\"input\":{\"n\":" + i + "}}";
            calls.add(() -> {
                var answer = http.send(
                        HttpRequest.newBuilder(node.baseUrl().resolve("/action/trigger"))
                                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                                .header("Provider-Config-Key", "shared")
                                .header("Connection-Id", "conn")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                return Json.MAPPER.readTree(answer.body()).get("id").asString();
            });
        }
        var ids = new ArrayList<String>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var future : pool.invokeAll(calls)) {
                ids.add(future.get());
            }
        }
        return ids;
    }

    private static ExecutionRecord record(Actionport node, String id) {
        return node.executions().find("dev", id).orElseThrow();
    }
}
