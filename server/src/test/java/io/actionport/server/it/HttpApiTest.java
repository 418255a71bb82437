package io.actionport.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.registry.Bundle;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.Cancellation;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.runner.ProgressListener;
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

class HttpApiTest {

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

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String code() {
            return body.path("error").path("code").asString();
        }

        String message() {
            return body.path("error").path("message").asString();
        }
    }

    static Answer trigger(String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response);
    }

    static Answer triggerAsDev(String integration, String body) throws Exception {
        return trigger(body, "Authorization", "Bearer " + TestServer.DEV_KEY, "Provider-Config-Key", integration);
    }

    static Answer get(String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response);
    }

    @Test
    void echo_returns_its_message_with_200() throws Exception {
        var answer = triggerAsDev("demo", "{\"action_name\":\"echo\",\"input\":{\"message\":\"hello\"}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().toString()).isEqualTo("{\"message\":\"hello\"}");
    }

    @Test
    void a_write_calls_the_demo_provider_and_is_recorded_with_its_logs() throws Exception {
        var answer = triggerAsDev("demo", "{\"action_name\":\"create-issue\",\"input\":{\"title\":\"Broken build\"}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("url").asString()).contains("/demo-provider/issues/");
        var id = answer.raw().headers().firstValue("X-Execution-Id").orElseThrow();
        var execution = get("/executions/" + id);
        assertThat(execution.status()).isEqualTo(200);
        assertThat(execution.body().get("status").asString()).isEqualTo("succeeded");
        assertThat(execution.body().get("action").asString()).isEqualTo("demo/create-issue");
        assertThat(execution.body().get("caller").asString()).isEqualTo("http");
        assertThat(execution.body().get("output")).isEqualTo(answer.body());
        assertThat(execution.body().get("logs").toString()).contains("created issue");
        assertThat(execution.body().get("logs").toString())
                .contains("\"fields\":{")
                .contains("\"issue_id\":\"" + answer.body().get("id") + "\"");
    }

    @Test
    void missing_required_field_and_extra_field_are_400_with_every_violation() throws Exception {
        var answer = triggerAsDev("demo", "{\"action_name\":\"create-issue\",\"input\":{\"titel\":\"x\"}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid_action_input");
        assertThat(answer.body().at("/error/violations").toString())
                .contains("{\"pointer\":\"/title\",\"keyword\":\"required\"")
                .contains("{\"pointer\":\"/titel\",\"keyword\":\"additionalProperties\"");
    }

    @Test
    void wrong_type_is_400_pointing_at_the_field() throws Exception {
        var answer = triggerAsDev("demo", "{\"action_name\":\"echo\",\"input\":{\"message\":42}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/error/violations/0/pointer").asString()).isEqualTo("/message");
        assertThat(answer.body().at("/error/violations/0/message").asString())
                .isEqualTo("integer found, string expected");
    }

    @Test
    void malformed_json_is_400() throws Exception {
        var answer = triggerAsDev("demo", "{\"action_name\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("malformed_json");
    }

    @Test
    void missing_action_name_is_400() throws Exception {
        var answer = triggerAsDev("demo", "{\"input\":{}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("missing_action_name");
    }

    @Test
    void unknown_action_is_404() throws Exception {
        var answer = triggerAsDev("demo", "{\"action_name\":\"delete-everything\",\"input\":{}}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("unknown_action");
        assertThat(answer.message()).contains("'delete-everything'").contains("environment dev");
    }

    @Test
    void unknown_connection_is_404() throws Exception {
        var answer = trigger(
                "{\"action_name\":\"echo\",\"input\":{\"message\":\"x\"}}",
                "Authorization",
                "Bearer " + TestServer.DEV_KEY,
                "Provider-Config-Key",
                "demo",
                "Connection-Id",
                "nobody");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("unknown_connection");
    }

    @Test
    void no_auth_is_401() throws Exception {
        var answer = trigger("{\"action_name\":\"echo\",\"input\":{\"message\":\"x\"}}");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("missing_auth");
    }

    @Test
    void unknown_key_is_401() throws Exception {
        var answer = trigger("{}", "Authorization", "Bearer not-a-key");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("invalid_key");
    }

    @Test
    void another_environments_key_is_403() throws Exception {
        var answer = trigger(
                "{\"action_name\":\"echo\",\"input\":{\"message\":\"x\"}}",
                "Authorization",
                "Bearer " + TestServer.PROD_KEY,
                "X-Actionport-Environment",
                "dev");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("wrong_environment");
        assertThat(answer.message()).contains("belongs to environment 'prod', not 'dev'");
    }

    @Test
    void prod_key_does_not_see_dev_actions() throws Exception {
        var answer = trigger(
                "{\"action_name\":\"echo\",\"input\":{\"message\":\"x\"}}",
                "Authorization",
                "Bearer " + TestServer.PROD_KEY);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.message()).contains("environment prod");
    }

    @Test
    void oversize_body_is_413() throws Exception {
        var body = "{\"action_name\":\"echo\",\"input\":{\"message\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}";
        var answer = triggerAsDev("demo", body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("request_too_large");
    }

    @Test
    void output_over_2_mb_is_500_pointing_to_the_proxy() throws Exception {
        var answer = triggerAsDev("fake", "{\"action_name\":\"huge\",\"input\":{}}");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.code()).isEqualTo("output_too_large");
        assertThat(answer.message()).contains("2 MB").contains("/proxy");
        assertThat(answer.body().at("/error/kind").asString()).isEqualTo("output_too_large");
    }

    @Test
    void output_violating_its_schema_is_the_actions_bug() throws Exception {
        var answer = triggerAsDev("fake", "{\"action_name\":\"liar\",\"input\":{}}");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.code()).isEqualTo("invalid_action_output");
        assertThat(answer.body().at("/error/violations/0/pointer").asString()).isEqualTo("/text");
    }

    @Test
    void an_action_that_throws_is_reported_as_a_crash() throws Exception {
        var answer = triggerAsDev("fake", "{\"action_name\":\"crashy\",\"input\":{}}");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.code()).isEqualTo("action_crashed");
        assertThat(answer.message()).isEqualTo("fake/crashy crashed with java.lang.IllegalStateException: boom");
        assertThat(answer.raw().body()).doesNotContain("at io.actionport");
    }

    @Test
    void an_action_over_its_timeout_is_stopped_with_504() throws Exception {
        var answer = triggerAsDev("fake", "{\"action_name\":\"sleepy\",\"input\":{}}");

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.code()).isEqualTo("action_timeout");
        assertThat(answer.message()).contains("timeout of 300 ms");
        var id = answer.body().at("/error/execution_id").asString();
        assertThat(get("/executions/" + id).body().get("status").asString()).isEqualTo("failed");
    }

    @Test
    void an_action_that_ignores_its_interrupt_is_answered_504_once_it_has_returned() throws Exception {
        long started = System.nanoTime();
        var answer = triggerAsDev("fake", "{\"action_name\":\"stubborn\",\"input\":{}}");

        // Its execution ends once it has really stopped, never while it may still act.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TestActions.Stubborn.SLEEP);
        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.code()).isEqualTo("action_timeout");
        var id = answer.body().at("/error/execution_id").asString();
        assertThat(get("/executions/" + id).body().get("status").asString()).isEqualTo("failed");
    }

    @Test
    void the_interrupt_an_action_leaves_set_is_cleared_before_its_record_is_written() {
        var runner = server.server.runner();
        var prepared = runner.prepare(ExecutionRequest.of(
                "dev", "fake", "stubborn", "fake-conn", Json.MAPPER.createObjectNode(), Caller.JOB));

        var attempt = runner.attempt(runner.newId(), prepared, ProgressListener.NONE, new Cancellation());

        // The action ran on this thread, which writes the record next: an interrupt can close a file mid-write.
        assertThat(Thread.interrupted()).isFalse();
        assertThat(attempt.outcome())
                .isInstanceOfSatisfying(
                        ExecutionOutcome.Failed.class,
                        failed -> assertThat(failed.error().code()).isEqualTo("action_timeout"));
    }

    @Test
    void provider_errors_say_the_provider_said_it() throws Exception {
        server.provider.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/api/things/missing"))
                .withHeader("Authorization", equalTo("Bearer " + TestServer.FAKE_TOKEN))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        var answer = triggerAsDev("fake", "{\"action_name\":\"get-thing\",\"input\":{\"id\":\"missing\"}}");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.code()).isEqualTo("provider_error");
        assertThat(answer.body().at("/error/provider_status").asInt()).isEqualTo(404);
        assertThat(answer.message()).contains("provider answered 404 to GET /things/missing");
    }

    @Test
    void provider_calls_carry_credentials_and_logs_redact_them() throws Exception {
        server.provider.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/api/things/7"))
                .withHeader("Authorization", equalTo("Bearer " + TestServer.FAKE_TOKEN))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"7\",\"name\":\"seven\"}")));

        var answer = triggerAsDev("fake", "{\"action_name\":\"get-thing\",\"input\":{\"id\":\"7\"}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("name").asString()).isEqualTo("seven");
        var id = answer.raw().headers().firstValue("X-Execution-Id").orElseThrow();
        var logs = get("/executions/" + id).body().get("logs").toString();
        assertThat(logs).contains("[REDACTED]").contains("GET /things/7 -> 200").doesNotContain(TestServer.FAKE_TOKEN);
    }

    @Test
    void a_bare_name_used_by_two_integrations_is_ambiguous_without_provider_config_key() throws Exception {
        server.server.registry().deploy("dev", Bundle.of("ambiguous", new TestActions.FakeEcho()), List.of());
        try {
            var answer = trigger(
                    "{\"action_name\":\"echo\",\"input\":{\"message\":\"x\"}}",
                    "Authorization",
                    "Bearer " + TestServer.DEV_KEY);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("ambiguous_action");
            assertThat(answer.message()).contains("[demo/echo, fake/echo]");
        } finally {
            server.server.registry().undeploy("dev", "ambiguous");
        }
    }

    @Test
    void nango_status_endpoint_answers_200_with_the_output_and_500_with_the_error() throws Exception {
        var ok = triggerAsDev("demo", "{\"action_name\":\"echo\",\"input\":{\"message\":\"poll me\"}}");
        var failed = triggerAsDev("fake", "{\"action_name\":\"crashy\",\"input\":{}}");

        var okStatus =
                get("/action/" + ok.raw().headers().firstValue("X-Execution-Id").orElseThrow());
        var failedStatus =
                get("/action/" + failed.body().at("/error/execution_id").asString());

        assertThat(okStatus.status()).isEqualTo(200);
        assertThat(okStatus.body().get("message").asString()).isEqualTo("poll me");
        assertThat(failedStatus.status()).isEqualTo(500);
        assertThat(failedStatus.code()).isEqualTo("action_crashed");
        assertThat(get("/action/no-such-id").status()).isEqualTo(404);
    }

    @Test
    void the_catalog_lists_actions_with_schemas_and_hints() throws Exception {
        var answer = get("/actions");

        var createIssue = java.util.stream.StreamSupport.stream(
                        answer.body().get("actions").spliterator(), false)
                .filter(action -> action.get("name").asString().equals("create-issue"))
                .findFirst()
                .orElseThrow();
        assertThat(createIssue.at("/input_schema/required").toString()).isEqualTo("[\"title\"]");
        assertThat(createIssue.at("/input_schema/properties/title/description").asString())
                .isEqualTo("One-line summary of the issue.");
        assertThat(createIssue.at("/hints/idempotent").asBoolean()).isFalse();
        assertThat(createIssue.at("/output_schema/properties/url/format").asString())
                .isEqualTo("uri");
    }
}
