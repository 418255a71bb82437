package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The audit log: who called or changed what, when, through which door, with what result; never a secret. */
class AuditLogTest extends OAuthServerFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A distinctive argument value and secrets that must appear in no entry. */
    private static final String SECRET_ARGUMENT = "zebra-secret-argument-7731";

    private static final String WEBHOOK_SECRET = "whsec_" + "c2VjcmV0LXdlYmhvb2stc2lnbmluZy1rZXktOTk=";

    @Test
    void a_tool_call_with_a_token_is_recorded_by_subject_door_action_and_arguments_hash() throws Exception {
        var token = issuer.anyToken(
                        issuer.issuerUrl("default"),
                        Map.of("sub", "alice", "aud", resource(), "scope", "mcp:tools"),
                        Duration.ofMinutes(5))
                .serialize();
        var call = StatelessCall.of(
                        server.baseUrl(),
                        "tools/call",
                        "{\"name\":\"echo\",\"arguments\":{\"message\":\"" + SECRET_ARGUMENT + "\"}}",
                        false)
                .header("Authorization", "Bearer " + token)
                .send();
        assertThat(call.status()).isEqualTo(200);

        var entries = audit(TestServer.DEV_ADMIN_KEY, "?actor=oauth:alice");

        assertThat(entries.status()).isEqualTo(200);
        var entry = only(entries.body());
        assertThat(entry.get("actor").asString()).isEqualTo("oauth:alice");
        assertThat(entry.get("door").asString()).isEqualTo("mcp");
        assertThat(entry.get("action").asString()).isEqualTo("demo/echo");
        assertThat(entry.get("environment").asString()).isEqualTo("dev");
        assertThat(entry.get("result").asString()).isEqualTo("succeeded");
        assertThat(entry.get("execution_id").asString()).isNotBlank();
        assertThat(entry.get("arguments_sha256").asString())
                .isEqualTo(sha256("{\"message\":\"" + SECRET_ARGUMENT + "\"}"));
        assertThat(entries.text()).doesNotContain(SECRET_ARGUMENT);
    }

    @Test
    void equal_arguments_in_another_order_hash_alike() throws Exception {
        var key = newKey("{\"role\":\"caller\",\"name\":\"hashing\"}");
        trigger(key.get("secret").asString(), "{\"message\":\"same\"}");
        trigger(key.get("secret").asString(), "{ \"message\" : \"same\" }");

        var entries =
                audit(TestServer.DEV_ADMIN_KEY, "?action=demo/echo").body().get("entries");

        assertThat(entries.get(0).get("arguments_sha256"))
                .isEqualTo(entries.get(1).get("arguments_sha256"));
    }

    @Test
    void an_http_trigger_a_deploy_and_a_key_revoke_are_recorded_without_secrets() throws Exception {
        var key = newKey("{\"role\":\"caller\",\"name\":\"backend\"}");
        var keyId = key.get("id").asString();
        var keySecret = key.get("secret").asString();
        var trigger = trigger(keySecret, "{\"message\":\"" + SECRET_ARGUMENT + "\"}");
        assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(200);
        var deploy = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/deploy?action=echo"))
                        .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(KeyRolesTest.demoBundle()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(200);
        var webhook = send(
                TestServer.DEV_ADMIN_KEY,
                "PUT",
                "/webhook",
                "{\"url\":\"https://hooks.example.com/in/" + SECRET_ARGUMENT + "\",\"secret\":\"" + WEBHOOK_SECRET
                        + "\"}");
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(200);
        var integration = send(
                TestServer.DEV_ADMIN_KEY,
                "PUT",
                "/integrations/shop",
                "{\"base_url\":\"https://shop.example.com\",\"auth_scheme\":\"oauth2\",\"token_url\":"
                        + "\"https://shop.example.com/token\",\"client_id\":\"c\",\"client_secret\":\""
                        + SECRET_ARGUMENT + "\"}");
        assertThat(integration.statusCode()).as(integration.body()).isEqualTo(200);
        var connection = send(
                TestServer.DEV_ADMIN_KEY,
                "POST",
                "/connections",
                "{\"integration\":\"demo\",\"connection_id\":\"second\",\"credentials\":{\"token\":\"" + SECRET_ARGUMENT
                        + "\"}}");
        assertThat(connection.statusCode()).as(connection.body()).isEqualTo(201);
        var revoke = send(TestServer.DEV_ADMIN_KEY, "DELETE", "/keys/" + keyId, null);
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);

        var answer = audit(TestServer.DEV_ADMIN_KEY, "");

        assertThat(answer.status()).isEqualTo(200);
        var actions = new ArrayList<String>();
        answer.body()
                .get("entries")
                .forEach(entry -> actions.add(entry.get("action").asString()));
        assertThat(actions)
                .startsWith(
                        "key.revoke",
                        "connection.create",
                        "integration.set",
                        "webhook.set",
                        "deploy",
                        "demo/echo",
                        "key.create");
        var entries = answer.body().get("entries");
        var adminKeyId = entries.get(0).get("actor").asString();
        assertThat(adminKeyId).isNotBlank().isNotEqualTo(TestServer.DEV_ADMIN_KEY);
        assertThat(entries.get(0).get("target").asString()).isEqualTo(keyId);
        assertThat(entries.get(0).get("door").asString()).isEqualTo("http");
        assertThat(entries.get(0).get("result").asString()).isEqualTo("ok");
        assertThat(entries.get(1).get("target").asString()).isEqualTo("demo/second");
        assertThat(entries.get(2).get("target").asString()).isEqualTo("shop");
        assertThat(entries.get(3).get("target").asString()).isEqualTo("hooks.example.com");
        assertThat(entries.get(4).get("target").asString()).startsWith("demo@");
        var execution = entries.get(5);
        assertThat(execution.get("actor").asString()).isEqualTo(keyId);
        assertThat(execution.get("door").asString()).isEqualTo("http");
        assertThat(execution.get("execution_id").asString())
                .isEqualTo(trigger.headers().firstValue("X-Execution-Id").orElseThrow());
        assertThat(entries.get(6).get("target").asString()).isEqualTo(keyId + " (caller)");
        assertThat(answer.text())
                .doesNotContain(SECRET_ARGUMENT)
                .doesNotContain(keySecret)
                .doesNotContain(WEBHOOK_SECRET)
                .doesNotContain(TestServer.DEV_ADMIN_KEY);
    }

    @Test
    void filters_by_actor_action_and_time_and_pages_newest_first() throws Exception {
        var first = newKey("{\"role\":\"caller\",\"name\":\"one\"}");
        var second = newKey("{\"role\":\"caller\",\"name\":\"two\"}");
        trigger(first.get("secret").asString(), "{\"message\":\"a\"}");
        trigger(second.get("secret").asString(), "{\"message\":\"b\"}");
        trigger(second.get("secret").asString(), "{\"message\":\"c\"}");

        var bySecond =
                audit(TestServer.DEV_ADMIN_KEY, "?actor=" + second.get("id").asString());
        var creations = audit(TestServer.DEV_ADMIN_KEY, "?action=key.create");
        var future = audit(TestServer.DEV_ADMIN_KEY, "?since=2999-01-01T00:00:00Z");
        var lastHour = audit(TestServer.DEV_ADMIN_KEY, "?since=1h&action=echo");
        var firstPage = audit(TestServer.DEV_ADMIN_KEY, "?limit=2");
        var secondPage = audit(
                TestServer.DEV_ADMIN_KEY,
                "?limit=2&cursor=" + firstPage.body().get("next_cursor").asString());

        assertThat(bySecond.body().get("entries")).hasSize(2);
        assertThat(creations.body().get("entries")).hasSize(2);
        assertThat(creations.body().get("entries").get(0).get("target").asString())
                .startsWith(second.get("id").asString());
        assertThat(future.body().get("entries")).isEmpty();
        assertThat(lastHour.body().get("entries")).hasSize(3);
        assertThat(firstPage.body().get("entries")).hasSize(2);
        assertThat(secondPage.body().get("entries")).hasSize(2);
        assertThat(secondPage.body().get("entries").get(0).get("id").asString())
                .isLessThan(firstPage.body().get("entries").get(1).get("id").asString());
    }

    @Test
    void a_caller_key_may_not_read_the_audit_log() throws Exception {
        var answer = audit(TestServer.DEV_KEY, "");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().at("/error/code").asString()).isEqualTo("admin_key_required");
        assertThat(answer.body().at("/error/message").asString()).contains("reading the audit log");
    }

    @Test
    void an_admin_key_reads_only_its_own_environments_log() throws Exception {
        var answer = get(TestServer.DEV_ADMIN_KEY, "/environments/prod/audit");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().at("/error/code").asString()).isEqualTo("wrong_environment");
    }

    @Test
    void a_malformed_since_names_both_accepted_forms() throws Exception {
        var answer = audit(TestServer.DEV_ADMIN_KEY, "?since=yesterday");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/error/message").asString())
                .isEqualTo("since must be an ISO-8601 instant such as 2026-11-25T10:00:00Z or a duration back from"
                        + " now such as 24h, was 'yesterday'");
    }

    private record Answer(int status, JsonNode body, String text) {}

    private Answer audit(String key, String query) throws Exception {
        return get(key, "/environments/dev/audit" + query);
    }

    private Answer get(String key, String path) throws Exception {
        var response = send(key, "GET", path, null);
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response.body());
    }

    private JsonNode newKey(String body) throws Exception {
        var response = send(TestServer.DEV_ADMIN_KEY, "POST", "/keys", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> trigger(String key, String input) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                        .header("Authorization", "Bearer " + key)
                        .header("Provider-Config-Key", "demo")
                        .header("Connection-Id", "demo")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"action_name\":\"echo\",\"input\":" + input + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String key, String method, String path, String body) throws Exception {
        return send(server.baseUrl(), key, method, path, body);
    }

    /** A JSON request to the server at {@code baseUrl} with {@code key}; {@code body} null sends none. */
    static HttpResponse<String> send(URI baseUrl, String key, String method, String path, String body)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode only(JsonNode answer) {
        assertThat(answer.get("entries")).hasSize(1);
        return answer.get("entries").get(0);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
