package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on a 256 MB heap, fed what used to exhaust it: megabyte client names in {@code
 * initialize} and uploads of 60 MB and more, many at once. It refuses them and goes on serving.
 */
class SmallHeapTest {

    @TempDir
    Path dataDir;

    @Test
    void big_client_infos_and_big_uploads_are_refused_and_a_256_mb_server_still_serves() throws Exception {
        try (var server = ServerProcess.start(List.of("-Xmx256m"), dataDir, null);
                var pool = Executors.newFixedThreadPool(8)) {
            var answers = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 60; i++) {
                answers.add(pool.submit(() -> initializeWithHugeName(server)));
            }
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(upload(server, "/admin/deploy", 60L * 1024 * 1024)));
                answers.add(pool.submit(upload(server, "/admin/dryrun", 120L * 1024 * 1024)));
            }

            for (var answer : answers) {
                assertThat(answer.get()).isIn(400, 413, -1);
            }
            var ready = server.send(server.request("/health/ready").GET());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            var echo = server.send(server.request("/action/trigger")
                    .header("Provider-Config-Key", "demo")
                    .header("Connection-Id", "demo")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"action_name\":\"echo\",\"input\":{\"message\":\"still here\"}}")));
            assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
            assertThat(echo.body()).contains("still here");
        }
    }

    private static int initializeWithHugeName(ServerProcess server) throws IOException, InterruptedException {
        var params = Json.MAPPER.createObjectNode().put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo")
                .put("name", "n".repeat(4 * 1024 * 1024 - 200))
                .put("version", "1");
        var body = Json.MAPPER
                .createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", 1)
                .put("method", "initialize");
        body.set("params", params);
        var answer = server.send(server.request("/mcp")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(answer.body()).contains("params.clientInfo.name is");
        return answer.statusCode();
    }

    /** Sends {@code size} bytes without declaring the length; -1 when the server hung up first. */
    private static Callable<Integer> upload(ServerProcess server, String path, long size) {
        return () -> {
            try {
                HttpResponse<String> answer = server.send(server.request(path)
                        .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroBytes(size))));
                return answer.statusCode();
            } catch (IOException hungUp) {
                return -1;
            }
        };
    }
}
