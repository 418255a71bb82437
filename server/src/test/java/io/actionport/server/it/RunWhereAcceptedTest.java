package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.server.Actionport;
import io.actionport.server.async.AsyncConfig;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.job.JobClient;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.Integration;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An async execution accepted while its connection has a free slot runs on the node that accepted
 * it at once, stored already claimed, its task held on the queue by that node: it needs no poll of
 * the queue, it is never taken over while its node lives, and its task is gone from the queue when
 * it ends.
 */
class RunWhereAcceptedTest {

    record Input(String key, long millis) {}

    record Output(int run) {}

    static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    static final Map<String, String> ranOn = new ConcurrentHashMap<>();

    /**
     * A write that counts its runs by key, notes its node and takes {@code millis}: {@code write}
     * is not idempotent, {@code put} is.
     */
    public static final class CountedWrite implements Action<Input, Output> {
        private final String node;
        private final String name;
        private final ActionHints hints;

        CountedWrite(String node, String name, ActionHints hints) {
            this.node = node;
            this.name = name;
            this.hints = hints;
        }

        @Override
        public ActionDescriptor<Input, Output> descriptor() {
            return ActionDescriptor.builder("counted", name, Input.class, Output.class)
                    .description("Counts its runs.")
                    .hints(hints)
                    .timeout(Duration.ofSeconds(30))
                    .build();
        }

        @Override
        public Output run(Input input, ActionContext context) throws Exception {
            int run =
                    runs.computeIfAbsent(input.key(), k -> new AtomicInteger()).incrementAndGet();
            ranOn.put(input.key(), node);
            Thread.sleep(input.millis());
            return new Output(run);
        }
    }

    @TempDir
    Path dataDir;

    @Test
    void executions_run_on_the_node_that_accepted_them_while_another_node_polls_the_same_queue() throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("run_where_accepted");
        try (var a = start("a", databaseUrl, AsyncConfig.defaults());
                var b = start("b", databaseUrl, AsyncConfig.defaults())) {
            var jobs = a.jobs("dev", "counted", "conn");
            var ids = submit(jobs, "write", "here-", 10, 20);
            for (var id : ids) {
                assertThat(jobs.await(id, Duration.ofSeconds(10))).isPresent();
                var record = b.executions().find("dev", id).orElseThrow();
                assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(record.attempts()).isEqualTo(1);
            }
            assertEachRanOnce("here-", 10);
            for (int i = 0; i < 10; i++) {
                assertThat(ranOn.get("here-" + i))
                        .as("the node that ran here-" + i)
                        .isEqualTo("a");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> queuedTasks(databaseUrl) == 0);
        }
    }

    @Test
    void a_held_execution_that_outlives_the_missed_heartbeats_of_its_task_is_not_taken_over() throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("held_heartbeat");
        // Dead after 4 missed beats of 100 ms: a run of 1.5 s outlives that fifteen times over.
        try (var server = start("a", databaseUrl, AsyncConfig.defaults().withHeartbeat(Duration.ofMillis(100), 4))) {
            var jobs = server.jobs("dev", "counted", "conn");
            var id = jobs.submit("write", new Input("long", 1_500));

            assertThat(jobs.await(id, Duration.ofSeconds(10))).isPresent();
            var record = server.executions().find("dev", id).orElseThrow();
            assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(record.attempts()).isEqualTo(1);
            assertThat(runs.get("long").get()).as("runs of the write").isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> queuedTasks(databaseUrl) == 0);
        }
    }

    @Test
    void past_its_connection_limit_an_execution_waits_for_a_slot_and_still_runs_once() throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("held_limit");
        try (var server = start("a", databaseUrl, AsyncConfig.defaults().withLimits(1, 0))) {
            var jobs = server.jobs("dev", "counted", "conn");
            var ids = submit(jobs, "write", "limited-", 4, 100);
            for (var id : ids) {
                assertThat(jobs.await(id, Duration.ofSeconds(20))).isPresent();
            }
            assertEachRanOnce("limited-", 4);
            await().atMost(Duration.ofSeconds(5)).until(() -> queuedTasks(databaseUrl) == 0);
        }
    }

    @Test
    void accepted_with_a_free_slot_an_execution_is_stored_claimed_and_past_the_limit_it_is_claimed_when_a_slot_frees()
            throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("claimed_at_acceptance");
        try (var server = start("a", databaseUrl, AsyncConfig.defaults().withLimits(1, 0))) {
            var jobs = server.jobs("dev", "counted", "conn");
            var first = jobs.submit("write", new Input("claimed-first", 300));
            var second = jobs.submit("write", new Input("claimed-second", 0));

            var stored = server.executions().find("dev", first).orElseThrow();
            assertThat(stored.status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(stored.startedAt())
                    .as("claimed in the transaction that accepted it")
                    .isEqualTo(stored.createdAt());
            assertThat(nodeOf(databaseUrl, first)).isEqualTo("a");
            assertThat(server.executions().find("dev", second).orElseThrow().status())
                    .isEqualTo(ExecutionStatus.QUEUED);

            for (var id : List.of(first, second)) {
                assertThat(jobs.await(id, Duration.ofSeconds(10))).isPresent();
            }
            var waited = server.executions().find("dev", second).orElseThrow();
            assertThat(waited.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(waited.attempts()).isEqualTo(1);
            assertThat(waited.startedAt())
                    .as("claimed once the first gave its slot back")
                    .isAfter(waited.createdAt().plusMillis(200));
            assertThat(runs.get("claimed-first").get()).isEqualTo(1);
            assertThat(runs.get("claimed-second").get()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> queuedTasks(databaseUrl) == 0);
        }
    }

    @Test
    void an_idempotent_execution_runs_while_its_acceptance_or_its_claim_is_written_and_ends_after_that_write()
            throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("idempotent_starts_early");
        // One slot: the first of each burst starts at its acceptance, the others once a slot frees, with their claim.
        try (var server = start("a", databaseUrl, AsyncConfig.defaults().withLimits(1, 0))) {
            var jobs = server.jobs("dev", "counted", "conn");
            var ids = submit(jobs, "put", "early-", 40, 0);
            for (var id : ids) {
                assertThat(jobs.await(id, Duration.ofSeconds(20))).isPresent();
                var record = server.executions().find("dev", id).orElseThrow();
                assertThat(record.status())
                        .as("an end written before the write it follows would find no record, or undo nothing")
                        .isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(record.attempts()).isEqualTo(1);
                assertThat(record.startedAt()).isNotNull();
            }
            assertEachRanOnce("early-", 40);
            await().atMost(Duration.ofSeconds(5)).until(() -> queuedTasks(databaseUrl) == 0);
        }
    }

    /** Submits {@code count} executions of {@code action} keyed {@code prefix0, prefix1, ...}; their ids. */
    private static List<String> submit(JobClient jobs, String action, String prefix, int count, long millis) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            ids.add(jobs.submit(action, new Input(prefix + i, millis)));
        }
        return ids;
    }

    private static void assertEachRanOnce(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(runs.get(prefix + i).get()).as("runs of " + prefix + i).isEqualTo(1);
        }
    }

    private static String nodeOf(String databaseUrl, String id) throws Exception {
        try (var connection = DriverManager.getConnection(databaseUrl);
                var statement = connection.prepareStatement("SELECT node FROM executions WHERE id = ?")) {
            statement.setString(1, id);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private Actionport start(String node, String databaseUrl, AsyncConfig async) {
        var server = Actionport.start(ServerConfig.defaults(dataDir.resolve(node))
                .withDevKey(TestServer.DEV_KEY)
                .withMasterKey(TestServer.MASTER_KEY)
                .withDatabaseUrl(databaseUrl)
                .withDevWebhook(null, null)
                .withNodeName(node)
                .withAsync(async));
        if (server.connections().find("dev", "counted", "conn").isEmpty()) {
            server.connections()
                    .saveIntegration(
                            new Integration("dev", "counted", URI.create("http://127.0.0.1:9"), AuthScheme.NONE, null));
            server.connections().create(new Connection("dev", "counted", "conn", Map.of(), Map.of()));
        }
        server.registry()
                .deploy(
                        "dev",
                        Bundle.of(
                                "counted",
                                new CountedWrite(node, "write", ActionHints.WRITE),
                                new CountedWrite(node, "put", ActionHints.IDEMPOTENT_WRITE)),
                        List.of());
        return server;
    }

    private static long queuedTasks(String databaseUrl) throws Exception {
        try (var connection = DriverManager.getConnection(databaseUrl);
                var statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'execute-action'");
                var rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
