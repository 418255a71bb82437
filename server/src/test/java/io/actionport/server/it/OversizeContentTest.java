package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.registry.Bundle;
import io.actionport.server.store.ContentCaps;
import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Content of any size never breaks an execution's record: it is stored cut, with the original size. */
class OversizeContentTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
        server.server.registry().deploy("dev", Bundle.of("chatty", new TestActions.Chatty()), List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_sync_call_that_logs_a_100_kb_line_answers_200_and_its_log_is_stored_cut() throws Exception {
        var answer = trigger("said it all");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var id = answer.headers().firstValue("X-Execution-Id").orElseThrow();
        var line = get("/executions/" + id).at("/logs/0/message").asString();
        assertThat(line).hasSizeLessThanOrEqualTo(ContentCaps.LOG_MESSAGE_CHARS).endsWith("… [cut: 100000 chars]");
    }

    @Test
    void a_sync_call_that_fails_with_a_10_kb_message_answers_its_failure_with_the_message_cut() throws Exception {
        var answer = trigger("fail");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        var id = answer.headers().firstValue("X-Execution-Id").orElseThrow();
        var view = get("/executions/" + id);
        assertThat(view.get("status").asString()).isEqualTo("failed");
        assertThat(view.at("/error/code").asString()).isEqualTo("too_chatty");
        assertThat(view.at("/error/message").asString())
                .hasSizeLessThanOrEqualTo(ContentCaps.ERROR_MESSAGE_CHARS)
                .endsWith("… [cut: 10000 chars]");
    }

    @Test
    void an_async_execution_that_fails_with_a_10_kb_message_finishes() throws Exception {
        var answer = trigger("fail", "X-Async", "true");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        var id = Json.MAPPER.readTree(answer.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/executions/" + id).get("status").asString().equals("failed"));
        var view = get("/executions/" + id);
        assertThat(view.at("/error/message").asString()).endsWith("… [cut: 10000 chars]");
        assertThat(view.at("/logs/0/message").asString()).endsWith("… [cut: 100000 chars]");
    }

    static HttpResponse<String> trigger(String text, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", "fake")
                .header("Connection-Id", "fake-conn")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"action_name\":\"chatty\",\"input\":{\"text\":\"" + text + "\"}}"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
