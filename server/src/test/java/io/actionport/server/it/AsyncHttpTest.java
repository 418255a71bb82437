package io.actionport.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** The async HTTP contract, once on each store: the embedded H2 file and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestServer.Store.class)
class AsyncHttpTest {

    @TempDir
    static Path dataDirs;

    static TestServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @Parameter
    TestServer.Store store;

    @BeforeParameterizedClassInvocation
    static void start(TestServer.Store store) {
        server = new TestServer(dataDirs.resolve(store.name()), store);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

    static Answer trigger(String integration, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", integration)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response);
    }

    static Answer send(String method, String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response);
    }

    static JsonNode finished(String id) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> send("GET", "/executions/" + id).body(),
                        view -> List.of("succeeded", "failed", "cancelled")
                                .contains(view.get("status").asString()));
    }

    @Test
    void x_async_answers_202_with_location_and_nango_polling_goes_404_then_200() throws Exception {
        var accepted = trigger(
                "fake",
                "{\"action_name\":\"slow-write\",\"input\":{\"batch\":\"a\",\"millis\":500}}",
                "X-Async",
                "true");

        assertThat(accepted.status()).isEqualTo(202);
        var id = accepted.body().get("id").asString();
        assertThat(accepted.body().get("statusUrl").asString()).isEqualTo("/action/" + id);
        assertThat(accepted.raw().headers().firstValue("Location")).contains("/action/" + id);
        assertThat(send("GET", "/action/" + id).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> send("GET", "/action/" + id).status() == 200);
        assertThat(send("GET", "/action/" + id).body().get("batch").asString()).isEqualTo("a");
        assertThat(send("GET", "/executions/" + id).body().get("status").asString())
                .isEqualTo("succeeded");
    }

    @Test
    void an_async_mode_action_answers_202_without_x_async() throws Exception {
        var accepted = trigger(
                "demo",
                "{\"action_name\":\"bulk-import\",\"input\":{\"batch_id\":\"b-202\",\"issues\":[{\"title\":\"one\"},{\"title\":\"two\"}]}}",
                "Connection-Id",
                "demo");

        assertThat(accepted.status()).isEqualTo(202);
        var view = finished(accepted.body().get("id").asString());
        assertThat(view.get("status").asString()).isEqualTo("succeeded");
        assertThat(view.at("/output/issues").size()).isEqualTo(2);
    }

    @Test
    void retries_on_a_non_idempotent_action_are_refused_with_400() throws Exception {
        var answer = trigger(
                "fake",
                "{\"action_name\":\"slow-write\",\"input\":{\"batch\":\"r\"}}",
                "X-Async",
                "true",
                "X-Max-Retries",
                "3");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/error/code").asString()).isEqualTo("retries_not_allowed");
        assertThat(answer.body().at("/error/message").asString()).contains("fake/slow-write is not idempotent");
    }

    @Test
    void an_idempotent_action_is_retried_until_the_provider_recovers() throws Exception {
        server.provider.stubFor(WireMock.get(urlEqualTo("/api/things/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("second"));
        server.provider.stubFor(WireMock.get(urlEqualTo("/api/things/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("third"));
        // The provider client tries a GET three times itself; the fourth call is the queue's retry.
        server.provider.stubFor(WireMock.get(urlEqualTo("/api/things/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("fourth"));
        server.provider.stubFor(WireMock.get(urlEqualTo("/api/things/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("fourth")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"flaky\",\"name\":\"finally\"}")));

        var accepted = trigger("fake", "{\"action_name\":\"flaky-read\",\"input\":{\"id\":\"flaky\"}}");
        var view = finished(accepted.body().get("id").asString());

        assertThat(view.get("status").asString()).isEqualTo("succeeded");
        assertThat(view.get("attempts").asInt()).isEqualTo(2);
        assertThat(view.at("/output/name").asString()).isEqualTo("finally");
        server.provider.verify(4, getRequestedFor(urlEqualTo("/api/things/flaky")));
    }

    @Test
    void a_429_delays_the_retry_by_its_retry_after() throws Exception {
        server.provider.stubFor(WireMock.get(urlEqualTo("/api/things/limited"))
                .inScenario("limited")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        server.provider.stubFor(WireMock.get(urlEqualTo("/api/things/limited"))
                .inScenario("limited")
                .whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"limited\"}")));

        var view = finished(trigger("fake", "{\"action_name\":\"flaky-read\",\"input\":{\"id\":\"limited\"}}")
                .body()
                .get("id")
                .asString());

        assertThat(view.get("status").asString()).isEqualTo("succeeded");
        var calls = server.provider.findAll(getRequestedFor(urlEqualTo("/api/things/limited")));
        assertThat(calls).hasSize(2);
        var gap = Duration.between(
                calls.get(0).getLoggedDate().toInstant(),
                calls.get(1).getLoggedDate().toInstant());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void a_retryable_refusal_of_an_idempotent_action_is_retried() throws Exception {
        var batch = "throttled-" + java.util.UUID.randomUUID();
        var id = trigger("fake", "{\"action_name\":\"throttled\",\"input\":{\"batch\":\"" + batch + "\"}}")
                .body()
                .get("id")
                .asString();

        var view = finished(id);

        assertThat(view.get("status").asString()).isEqualTo("succeeded");
        assertThat(view.get("attempts").asInt()).isEqualTo(2);
        assertThat(TestActions.Throttled.calls.get(batch).get()).isEqualTo(2);
    }

    @Test
    void a_provider_4xx_is_not_retried() throws Exception {
        server.provider.stubFor(WireMock.get(urlEqualTo("/api/things/gone"))
                .willReturn(aResponse().withStatus(404)));

        var view = finished(trigger("fake", "{\"action_name\":\"flaky-read\",\"input\":{\"id\":\"gone\"}}")
                .body()
                .get("id")
                .asString());

        assertThat(view.get("status").asString()).isEqualTo("failed");
        assertThat(view.get("attempts").asInt()).isEqualTo(1);
        assertThat(view.at("/error/provider_status").asInt()).isEqualTo(404);
    }

    @Test
    void the_same_idempotency_key_returns_the_same_execution_and_runs_once() throws Exception {
        var first = trigger(
                "demo",
                "{\"action_name\":\"create-issue\",\"input\":{\"title\":\"once\"}}",
                "Connection-Id",
                "demo",
                "Idempotency-Key",
                "key-once");
        var again = trigger(
                "demo",
                "{\"action_name\":\"create-issue\",\"input\":{\"title\":\"once\"}}",
                "Connection-Id",
                "demo",
                "Idempotency-Key",
                "key-once");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.raw().headers().firstValue("X-Execution-Id"))
                .isEqualTo(first.raw().headers().firstValue("X-Execution-Id"));
    }

    @Test
    void the_same_idempotency_key_with_another_input_is_409() throws Exception {
        trigger(
                "demo",
                "{\"action_name\":\"create-issue\",\"input\":{\"title\":\"a\"}}",
                "Connection-Id",
                "demo",
                "Idempotency-Key",
                "key-409");
        var conflict = trigger(
                "demo",
                "{\"action_name\":\"create-issue\",\"input\":{\"title\":\"b\"}}",
                "Connection-Id",
                "demo",
                "Idempotency-Key",
                "key-409");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().at("/error/code").asString()).isEqualTo("idempotency_conflict");
    }

    @Test
    void concurrent_duplicates_resolve_to_exactly_one_execution() throws Exception {
        var body = "{\"action_name\":\"slow-write\",\"input\":{\"batch\":\"dup\",\"millis\":300}}";
        var calls = new ArrayList<Callable<Answer>>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> trigger("fake", body, "X-Async", "true", "Idempotency-Key", "key-concurrent"));
        }
        var ids = new HashSet<String>();
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (var future : pool.invokeAll(calls)) {
                var answer = future.get();
                // A duplicate that arrives between the key's claim and the record's insert is told to retry at once.
                if (answer.status() == 409) {
                    assertThat(answer.body().at("/error/code").asString()).isEqualTo("idempotency_in_flight");
                    assertThat(answer.raw().headers().firstValue("Retry-After")).contains("1");
                    continue;
                }
                assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
                ids.add(answer.body().get("id").asString());
            }
        }
        var late = trigger("fake", body, "X-Async", "true", "Idempotency-Key", "key-concurrent");

        assertThat(ids).hasSize(1);
        assertThat(late.status()).isEqualTo(202);
        assertThat(ids).containsExactly(late.body().get("id").asString());
        var recent = server.server.executions().recent("dev", 200).stream()
                .filter(record -> record.input().contains("\"dup\""))
                .toList();
        assertThat(recent).hasSize(1);
    }

    @Test
    void a_running_execution_can_be_cancelled() throws Exception {
        var id = trigger(
                        "fake",
                        "{\"action_name\":\"slow-write\",\"input\":{\"batch\":\"c\",\"millis\":10000}}",
                        "X-Async",
                        "true")
                .body()
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> send("GET", "/executions/" + id)
                        .body()
                        .get("status")
                        .asString()
                        .equals("running"));

        var cancelled = send("POST", "/executions/" + id + "/cancel");
        var again = send("POST", "/executions/" + id + "/cancel");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(finished(id).get("status").asString()).isEqualTo("cancelled");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().at("/error/message").asString()).contains("is cancelled");
    }

    @Test
    void metrics_count_executions_and_expose_the_queue() throws Exception {
        finished(trigger(
                        "fake",
                        "{\"action_name\":\"slow-write\",\"input\":{\"batch\":\"m\",\"millis\":1}}",
                        "X-Async",
                        "true")
                .body()
                .get("id")
                .asString());

        var scrape = http.send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                                .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();

        assertThat(scrape)
                .contains(
                        "actionport_executions_total{action=\"fake/slow-write\",mode=\"async\",status=\"succeeded\"}");
        assertThat(scrape).contains("actionport_queue_depth");
        assertThat(scrape).contains("actionport_execution_wait_seconds_bucket");
    }
}
