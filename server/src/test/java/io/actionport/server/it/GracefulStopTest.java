package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM of a real server process with work running: what finishes in the grace period finishes,
 * idempotent work is handed back and resumed after a restart, a non-idempotent write ends
 * interrupted only because the grace ran out, nothing is cancelled that nobody cancelled, and the
 * process exits 0.
 */
class GracefulStopTest {

    @TempDir
    Path dataDir;

    @Test
    void sigterm_hands_running_work_back_and_a_restart_resumes_it() throws Exception {
        String[] args = {"--shutdown-grace", "2s"};
        String longImport;
        String shortImport;
        String unsafe;
        try (var first = ServerProcess.start(dataDir, null, args)) {
            first.deploy(BundleJar.of("unsafe", UnsafeSlowWrite.class));
            // 80 issues at about 100 ms each: it cannot finish within the grace period.
            longImport = first.triggerDemo("bulk-import", ServerProcess.bulkImport("long", 80));
            unsafe = first.triggerDemo("unsafe-slow-write", "{\"note\":\"at most once\"}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> first.execution(longImport)
                                    .get("status")
                                    .asString()
                                    .equals("running")
                            && first.execution(unsafe).get("status").asString().equals("running"));
            Thread.sleep(2_500); // the long import is well under way, as an operator's stop would find it
            // 5 issues: it finishes within the grace period.
            shortImport = first.triggerDemo("bulk-import", ServerProcess.bulkImport("short", 5));

            assertThat(first.terminate()).as("exit code after SIGTERM").isZero();
            assertThat(first.log())
                    .contains("stopped: 1 finished within the grace period, 1 handed back to the queue, 1 interrupted");
        }

        try (var second = ServerProcess.start(dataDir, null, args)) {
            var finished = second.execution(shortImport);
            assertThat(finished.get("status").asString())
                    .as(finished.toString())
                    .isEqualTo("succeeded");

            var interrupted = second.execution(unsafe);
            assertThat(interrupted.get("status").asString()).isEqualTo("failed");
            assertThat(interrupted.at("/error/code").asString()).isEqualTo("interrupted");
            assertThat(interrupted.at("/error/message").asString()).contains("shutdown grace period ran out");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> second.execution(longImport)
                            .get("status")
                            .asString()
                            .equals("succeeded"));
            var resumed = second.execution(longImport);
            assertThat(resumed.at("/output/issues").size()).isEqualTo(80);
            assertThat(resumed.get("attempts").asInt())
                    .as("a hand-back does not use up an attempt")
                    .isEqualTo(1);
            assertThat(second.executionsWithStatus("cancelled")).isEmpty();
            assertThat(List.of(second.executionsWithStatus("queued"), second.executionsWithStatus("running")))
                    .allMatch(List::isEmpty);
        }
    }
}
