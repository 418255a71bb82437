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

    @TempDir
    Path dataDirs;

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
        node.registry().deploy("dev", Bundle.of("two-nodes", new RecordRun(name)), List.of());
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
