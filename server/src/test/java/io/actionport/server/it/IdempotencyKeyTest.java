package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an Idempotency-Key holds: nothing for a refused request, an answer for a finished one, a retry hint meanwhile. */
class IdempotencyKeyTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_key_refused_for_bad_input_is_free_for_the_corrected_request() throws Exception {
        var refused = trigger("demo", "demo", "{\"action_name\":\"echo\",\"input\":{}}", "key-corrected");
        long started = System.nanoTime();
        var refusedAgain = trigger("demo", "demo", "{\"action_name\":\"echo\",\"input\":{}}", "key-corrected");
        var elapsed = Duration.ofNanos(System.nanoTime() - started);
        var corrected = trigger(
                "demo", "demo", "{\"action_name\":\"echo\",\"input\":{\"message\":\"fixed\"}}", "key-corrected");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refusedAgain.statusCode()).as(refusedAgain.body()).isEqualTo(400);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(corrected.body()).get("message").asString())
                .isEqualTo("fixed");
    }

    @Test
    void a_finished_request_repeated_with_its_key_replays_the_same_status_and_body() throws Exception {
        var body = "{\"action_name\":\"echo\",\"input\":{\"message\":\"once\"}}";
        var first = trigger("demo", "demo", body, "key-replay");
        var again = trigger("demo", "demo", body, "key-replay");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(again.body())).isEqualTo(Json.MAPPER.readTree(first.body()));
        assertThat(again.headers().firstValue("X-Execution-Id"))
                .isEqualTo(first.headers().firstValue("X-Execution-Id"));
    }

    @Test
    void a_duplicate_of_a_running_request_is_told_at_once_to_retry() throws Exception {
        var body = "{\"action_name\":\"slow-write\",\"input\":{\"batch\":\"in-flight\",\"millis\":3000}}";
        var first = CompletableFuture.supplyAsync(() -> {
            try {
                return trigger("fake", "fake-conn", body, "key-in-flight");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The first request claims its key within milliseconds, then its action sleeps for 3 s.
        Thread.sleep(500);
        long started = System.nanoTime();
        var duplicate = trigger("fake", "fake-conn", body, "key-in-flight");
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(409);
        assertThat(Json.MAPPER.readTree(duplicate.body()).at("/error/code").asString())
                .isEqualTo("idempotency_in_flight");
        assertThat(duplicate.headers().firstValue("Retry-After")).contains("1");
        assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
        assertThat(first.get().statusCode()).isEqualTo(200);
        var replay = trigger("fake", "fake-conn", body, "key-in-flight");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue("X-Execution-Id"))
                .isEqualTo(first.get().headers().firstValue("X-Execution-Id"));
    }

    static HttpResponse<String> trigger(String integration, String connection, String body, String key)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", integration)
                        .header("Connection-Id", connection)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
