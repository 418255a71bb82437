package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void while_stopping_a_trigger_is_refused_with_503_and_running_work_finishes_within_the_grace() throws Exception {
        var server = new TestServer(dataDir.resolve("in-process"));
        var http = HttpClient.newHttpClient();
        var slow = http.send(
                trigger(server, "{\"action_name\":\"slow-write\",\"input\":{\"batch\":\"grace\",\"millis\":3000}}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slow.statusCode()).as(slow.body()).isEqualTo(202);
        var id = Json.MAPPER.readTree(slow.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        server.server.executions().find("dev", id).orElseThrow().status() == ExecutionStatus.RUNNING);

        var stopped = CompletableFuture.supplyAsync(() -> server.server.stop(Duration.ofSeconds(30)));
        var refused = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> http.send(
                                trigger(server, "{\"action_name\":\"echo\",\"input\":{\"message\":\"late\"}}"),
                                HttpResponse.BodyHandlers.ofString()),
                        answer -> answer.statusCode() == 503);

        assertThat(Json.MAPPER.readTree(refused.body()).at("/error/code").asString())
                .isEqualTo("shutting_down");
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        var report = stopped.get(30, TimeUnit.SECONDS);
        assertThat(report.finished()).isEqualTo(1);
        assertThat(report.handedBack()).isZero();
        assertThat(report.interrupted()).isZero();
        server.provider.stop();
    }

    private static HttpRequest trigger(TestServer server, String body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", body.contains("echo") ? "demo" : "fake")
                .header("Connection-Id", body.contains("echo") ? "demo" : "fake-conn")
                .header("Content-Type", "application/json")
                .header("X-Async", body.contains("echo") ? "false" : "true")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
