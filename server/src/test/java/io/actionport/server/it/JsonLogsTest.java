package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.store.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code serve --log-format json}: every line the server writes is one JSON object a collector can read. */
class JsonLogsTest {

    @TempDir
    Path dataDir;

    static List<JsonNode> lines(ServerProcess server) throws Exception {
        return server.log()
                .lines()
                .filter(line -> !line.isBlank())
                .map(line -> {
                    assertThat(line).as("every line is a JSON object").startsWith("{");
                    return Json.MAPPER.readTree(line);
                })
                .toList();
    }

    @Test
    void every_line_is_json_and_a_failed_execution_logs_its_id_action_and_code_not_its_input() throws Exception {
        String secretInput = "do-not-log-" + System.nanoTime();
        try (var server = ServerProcess.start(
                List.of("--enable-native-access=ALL-UNNAMED"), dataDir, null, "--log-format", "json")) {
            server.deploy(BundleJar.of("refusing", RefusingWrite.class));

            var answer = server.trigger("demo", "demo", "refusing-write", "{\"note\":\"" + secretInput + "\"}");
            assertThat(answer.statusCode()).as(answer.body()).isGreaterThanOrEqualTo(400);
            var executionId = answer.headers().firstValue("X-Execution-Id").orElseThrow();

            var failure = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> lines(server).stream()
                                    .filter(line -> line.path("formattedMessage")
                                            .asString("")
                                            .contains("execution " + executionId))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(failure.get("level").asString()).isEqualTo("WARN");
            assertThat(failure.get("formattedMessage").asString())
                    .isEqualTo("execution " + executionId + " of demo/refusing-write in dev failed: quota_exceeded");
            assertThat(failure.get("kvpList").toString())
                    .contains("\"execution_id\":\"" + executionId + "\"")
                    .contains("\"error_code\":\"quota_exceeded\"");
            assertThat(failure.has("timestamp")).isTrue();

            var started = lines(server).stream()
                    .map(line -> line.path("formattedMessage").asString(""))
                    .filter(message -> message.startsWith("serving on "))
                    .toList();
            assertThat(started)
                    .singleElement()
                    .asString()
                    .contains("http://127.0.0.1:" + server.port())
                    .contains("store: embedded")
                    .contains("node: ");

            assertThat(server.terminate()).isZero();
            assertThat(lines(server))
                    .anySatisfy(line -> assertThat(line.path("formattedMessage").asString(""))
                            .startsWith("stopped: "));
            assertThat(server.log()).doesNotContain(secretInput);
        }
    }
}
