package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of a real server process with async executions running and queued, then a restart on the
 * same store: every accepted execution ends, none is lost, and none is blindly repeated.
 */
class KilledServerTest {

    static final List<String> FINISHED = List.of("succeeded", "failed", "cancelled");

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestServer.Store.class)
    void after_kill_9_and_restart_idempotent_executions_succeed_and_an_unsafe_one_fails_as_interrupted(
            TestServer.Store store) throws Exception {
        var databaseUrl = store.newDatabaseUrl("killed_server");
        // At most 4 executions of the demo connection run at once, so some are still queued at the kill.
        String[] limit = {"--per-connection-limit", "4"};
        var imports = new ArrayList<String>();
        String unsafe;
        Set<String> runningAtKill;
        try (var first = ServerProcess.start(dataDir, databaseUrl, limit)) {
            first.deploy(BundleJar.of("unsafe", UnsafeSlowWrite.class));
            unsafe = first.triggerDemo("unsafe-slow-write", "{\"note\":\"at most once\"}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            first.execution(unsafe).get("status").asString().equals("running"));
            for (int i = 0; i < 5; i++) {
                imports.add(first.triggerDemo("bulk-import", ServerProcess.bulkImport("batch-" + i, 20)));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> running(first, imports).size() == 3);
            runningAtKill = running(first, imports);

            // Accepted a moment before the kill: it must survive it.
            imports.add(first.triggerDemo("bulk-import", ServerProcess.bulkImport("batch-last", 20)));
            first.kill();
        }

        try (var second = ServerProcess.start(dataDir, databaseUrl, limit)) {
            if (databaseUrl == null) {
                // The embedded store is this process's alone: what the killed one held is taken over
                // at start, not after 4 missed heartbeats of 5 s.
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> FINISHED.contains(
                                second.execution(unsafe).get("status").asString()));
            }
            var all = new ArrayList<>(imports);
            all.add(unsafe);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> statuses(second, all).stream().allMatch(FINISHED::contains));

            for (var id : imports) {
                var view = second.execution(id);
                assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("succeeded");
                assertThat(view.at("/output/issues").size()).isEqualTo(20);
                assertThat(view.get("attempts").asInt())
                        .as("attempts of %s, running at the kill: %s", id, runningAtKill.contains(id))
                        .isEqualTo(runningAtKill.contains(id) ? 2 : 1);
            }
            var interrupted = second.execution(unsafe);
            assertThat(interrupted.get("status").asString()).isEqualTo("failed");
            assertThat(interrupted.get("attempts").asInt()).isEqualTo(1);
            assertThat(interrupted.at("/error/code").asString()).isEqualTo("interrupted");
            assertThat(interrupted.at("/error/message").asString())
                    .contains("not retried because the action is not idempotent");
            assertThat(second.send(second.request("/action/" + unsafe).GET()).statusCode())
                    .isEqualTo(500);
        }
    }

    static List<String> statuses(ServerProcess server, List<String> ids) throws Exception {
        var statuses = new ArrayList<String>();
        for (var id : ids) {
            statuses.add(server.execution(id).get("status").asString());
        }
        return statuses;
    }

    static Set<String> running(ServerProcess server, List<String> ids) throws Exception {
        var statuses = statuses(server, ids);
        var running = new HashSet<String>();
        for (int i = 0; i < ids.size(); i++) {
            if (statuses.get(i).equals("running")) {
                running.add(ids.get(i));
            }
        }
        return running;
    }
}
