package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.auth.KeyRole;
import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What a caller key and an admin key may do, and how keys are created, rotated and revoked over HTTP. */
class KeyRolesTest {

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

    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("error").path("code").asString("");
        }

        String message() {
            return body.path("error").path("message").asString("");
        }
    }

    static Answer call(String key, String method, String path, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        var text = response.body();
        return new Answer(
                response.statusCode(),
                text.startsWith("{")
                        ? Json.MAPPER.readTree(text)
                        : Json.MAPPER.createObjectNode().put("text", text));
    }

    static Answer echo(String key, String... headers) throws Exception {
        var all = new java.util.ArrayList<>(List.of("Provider-Config-Key", "demo", "Connection-Id", "demo"));
        all.addAll(List.of(headers));
        return call(
                key,
                "POST",
                "/action/trigger",
                "{\"action_name\":\"echo\",\"input\":{\"message\":\"hi\"}}",
                all.toArray(String[]::new));
    }

    static JsonNode newKey(String adminKey, String body) throws Exception {
        var created = call(adminKey, "POST", "/keys", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body();
    }

    static byte[] demoBundle() throws Exception {
        try (var in = KeyRolesTest.class.getResourceAsStream("/bundles/demo-bundle.jar")) {
            return in.readAllBytes();
        }
    }

    @Test
    void caller_key_cannot_deploy_or_dryrun() throws Exception {
        var jar = demoBundle();
        var deploy = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/deploy"))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(jar))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var dryrun = call(
                TestServer.DEV_KEY,
                "POST",
                "/admin/dryrun",
                Json.MAPPER
                        .createObjectNode()
                        .put("bundle", Base64.getEncoder().encodeToString(jar))
                        .put("action", "echo")
                        .put("connection_id", "demo")
                        .toString());

        assertThat(deploy.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(deploy.body()).at("/error/code").asString())
                .isEqualTo("admin_key_required");
        assertThat(Json.MAPPER.readTree(deploy.body()).at("/error/message").asString())
                .contains("deploying a bundle")
                .contains("needs an admin key of environment 'dev'")
                .contains("is a caller key");
        assertThat(dryrun.status()).isEqualTo(403);
        assertThat(dryrun.code()).isEqualTo("admin_key_required");
    }

    @Test
    void admin_key_can_deploy_and_dryrun() throws Exception {
        var jar = demoBundle();
        var dryrun = call(
                TestServer.DEV_ADMIN_KEY,
                "POST",
                "/admin/dryrun",
                Json.MAPPER
                        .createObjectNode()
                        .put("bundle", Base64.getEncoder().encodeToString(jar))
                        .put("action", "echo")
                        .put("connection_id", "demo")
                        .set("input", Json.MAPPER.createObjectNode().put("message", "dry"))
                        .toString());
        var deploy = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/deploy?action=echo"))
                        .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(jar))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(dryrun.status()).as(dryrun.body().toString()).isEqualTo(200);
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(200);
    }

    @Test
    void caller_key_cannot_read_metrics_or_manage_connections_integrations_webhooks_keys_or_environments()
            throws Exception {
        var refused = List.of(
                call(TestServer.DEV_KEY, "GET", "/metrics", null),
                call(TestServer.DEV_KEY, "GET", "/connections", null),
                call(
                        TestServer.DEV_KEY,
                        "POST",
                        "/connections",
                        "{\"integration\":\"fake\",\"connection_id\":\"x\",\"credentials\":{\"token\":\"t\"}}"),
                call(TestServer.DEV_KEY, "DELETE", "/connections/demo/demo", null),
                call(TestServer.DEV_KEY, "GET", "/integrations", null),
                call(
                        TestServer.DEV_KEY,
                        "PUT",
                        "/webhook",
                        "{\"url\":\"https://example.com\",\"secret\":\"whsec_eA==\"}"),
                call(TestServer.DEV_KEY, "GET", "/keys", null),
                call(TestServer.DEV_KEY, "POST", "/keys", "{\"role\":\"admin\"}"),
                call(TestServer.DEV_KEY, "POST", "/environments", "{\"name\":\"sneaky\"}"),
                call(TestServer.DEV_KEY, "POST", "/admin/rollback", "{\"action\":\"echo\"}"),
                call(TestServer.DEV_KEY, "DELETE", "/admin/bundles/demo", null));

        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("admin_key_required");
        });
        assertThat(server.server.connections().find("dev", "demo", "demo")).isPresent();
        assertThat(server.server.environments().exists("sneaky")).isFalse();
    }

    @Test
    void admin_key_reads_metrics_and_manages_connections_and_keys() throws Exception {
        assertThat(call(TestServer.DEV_ADMIN_KEY, "GET", "/metrics", null)
                        .body()
                        .path("text")
                        .asString())
                .contains("actionport_");
        assertThat(call(TestServer.DEV_ADMIN_KEY, "GET", "/connections", null).status())
                .isEqualTo(200);
        assertThat(call(TestServer.DEV_ADMIN_KEY, "GET", "/keys", null).status())
                .isEqualTo(200);
    }

    @Test
    void caller_key_triggers_and_lists_actions() throws Exception {
        assertThat(echo(TestServer.DEV_KEY).status()).isEqualTo(200);
        assertThat(call(TestServer.DEV_KEY, "GET", "/actions", null).status()).isEqualTo(200);
    }

    @Test
    void a_revoked_key_is_refused_within_a_second() throws Exception {
        var key = newKey(TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\",\"name\":\"to revoke\"}");
        var secret = key.get("secret").asString();
        assertThat(echo(secret).status()).isEqualTo(200);

        var revoked = call(
                TestServer.DEV_ADMIN_KEY, "DELETE", "/keys/" + key.get("id").asString(), null);

        assertThat(revoked.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    var answer = echo(secret);
                    assertThat(answer.status()).isEqualTo(401);
                    assertThat(answer.code()).isEqualTo("revoked_key");
                });
    }

    @Test
    void a_rotated_key_works_beside_its_replacement_for_the_overlap_then_expires() throws Exception {
        var old = newKey(
                TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\",\"name\":\"rotating\",\"integrations\":[\"demo\"]}");

        var rotated = call(
                TestServer.DEV_ADMIN_KEY, "POST", "/keys/" + old.get("id").asString() + "/rotate?overlap=2s", null);

        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(200);
        var fresh = rotated.body();
        assertThat(fresh.get("replaces").asString()).isEqualTo(old.get("id").asString());
        assertThat(fresh.get("role").asString()).isEqualTo("caller");
        assertThat(fresh.get("name").asString()).isEqualTo("rotating");
        assertThat(fresh.get("integrations").toString()).isEqualTo("[\"demo\"]");
        assertThat(echo(old.get("secret").asString()).status()).isEqualTo(200);
        assertThat(echo(fresh.get("secret").asString()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            var answer = echo(old.get("secret").asString());
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("expired_key");
        });
        assertThat(echo(fresh.get("secret").asString()).status()).isEqualTo(200);
    }

    @Test
    void a_rotation_with_no_overlap_ends_the_old_key_at_once() throws Exception {
        var old = newKey(TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\"}");

        var rotated = call(
                TestServer.DEV_ADMIN_KEY,
                "POST",
                "/keys/" + old.get("id").asString() + "/rotate",
                "{\"overlap\":\"0\"}");

        assertThat(rotated.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1))
                .untilAsserted(() ->
                        assertThat(echo(old.get("secret").asString()).code()).isEqualTo("expired_key"));
    }

    @Test
    void a_dev_key_never_runs_prod_or_reads_its_data() throws Exception {
        var asProd = echo(TestServer.DEV_ADMIN_KEY, "X-Actionport-Environment", "prod");
        var prodConnections =
                call(TestServer.DEV_ADMIN_KEY, "GET", "/connections", null, "X-Actionport-Environment", "prod");
        var deleteProd = call(TestServer.DEV_ADMIN_KEY, "DELETE", "/environments/prod?force=true", null);

        assertThat(asProd.status()).isEqualTo(403);
        assertThat(asProd.code()).isEqualTo("wrong_environment");
        assertThat(prodConnections.status()).isEqualTo(403);
        assertThat(deleteProd.status()).isEqualTo(403);
        assertThat(deleteProd.code()).isEqualTo("not_creator");
        assertThat(server.server.environments().exists("prod")).isTrue();
    }

    @Test
    void keys_are_listed_without_secrets_or_hashes() throws Exception {
        var created =
                newKey(TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\",\"name\":\"listed\",\"expires_in\":\"7d\"}");
        var secret = created.get("secret").asString();

        var listed = call(TestServer.DEV_ADMIN_KEY, "GET", "/keys", null);

        assertThat(created.get("note").asString()).contains("cannot show it again");
        assertThat(listed.status()).isEqualTo(200);
        var text = listed.body().toString();
        assertThat(text)
                .doesNotContain(secret)
                .doesNotContain(TestServer.DEV_KEY + "\"")
                .doesNotContain(TestServer.DEV_ADMIN_KEY)
                .doesNotContain("hash")
                .doesNotContain("secret");
        var mine = java.util.stream.StreamSupport.stream(
                        listed.body().get("keys").spliterator(), false)
                .filter(key -> key.get("id").asString().equals(created.get("id").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(mine.get("role").asString()).isEqualTo("caller");
        assertThat(mine.get("name").asString()).isEqualTo("listed");
        assertThat(mine.get("status").asString()).isEqualTo("active");
        assertThat(mine.get("prefix").asString()).isEqualTo(secret.substring(0, 12));
        assertThat(mine.get("expires_at").isNull()).isFalse();
    }

    @Test
    void the_last_admin_key_of_an_environment_cannot_be_revoked() throws Exception {
        var created = call(TestServer.DEV_ADMIN_KEY, "POST", "/environments", "{\"name\":\"lonely\"}");
        var admin = created.body().get("admin_key");

        var refused = call(
                admin.get("secret").asString(),
                "DELETE",
                "/keys/" + admin.get("id").asString(),
                null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("last_admin_key");
        assertThat(refused.message())
                .contains("last admin key of environment 'lonely'")
                .contains("create another");
        assertThat(call(admin.get("secret").asString(), "GET", "/keys", null).status())
                .isEqualTo(200);
    }

    @Test
    void environments_are_created_listed_and_deleted_through_the_api() throws Exception {
        var created = call(TestServer.DEV_ADMIN_KEY, "POST", "/environments", "{\"name\":\"staging\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        var stagingAdmin = created.body().at("/admin_key/secret").asString();
        var stagingCaller = created.body().at("/caller_key/secret").asString();

        var listed = call(TestServer.DEV_ADMIN_KEY, "GET", "/environments", null);
        var again = call(TestServer.DEV_ADMIN_KEY, "POST", "/environments", "{\"name\":\"staging\"}");
        var badName = call(TestServer.DEV_ADMIN_KEY, "POST", "/environments", "{\"name\":\"Bad Name\"}");
        var ownDeletion = call(stagingAdmin, "DELETE", "/environments/staging", null);
        var selfDeletion = call(TestServer.DEV_ADMIN_KEY, "DELETE", "/environments/dev", null);

        assertThat(created.body().at("/admin_key/role").asString()).isEqualTo("admin");
        assertThat(created.body().at("/caller_key/role").asString()).isEqualTo("caller");
        assertThat(call(stagingAdmin, "GET", "/keys", null).status()).isEqualTo(200);
        assertThat(call(stagingCaller, "GET", "/actions", null).status()).isEqualTo(200);
        assertThat(call(stagingCaller, "GET", "/keys", null).status()).isEqualTo(403);
        assertThat(listed.body().toString()).contains("\"name\":\"staging\"").contains("\"created_by\":\"dev\"");
        assertThat(listed.body().toString()).doesNotContain("\"name\":\"prod\"");
        assertThat(again.status()).isEqualTo(409);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(ownDeletion.status()).isEqualTo(409);
        assertThat(ownDeletion.code()).isEqualTo("own_environment");
        assertThat(selfDeletion.code()).isEqualTo("own_environment");

        var deleted = call(TestServer.DEV_ADMIN_KEY, "DELETE", "/environments/staging", null);

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(server.server.environments().exists("staging")).isFalse();
        await().atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(
                                call(stagingAdmin, "GET", "/keys", null).status())
                        .isEqualTo(401));
    }

    @Test
    void an_environment_with_connections_is_deleted_only_with_force() throws Exception {
        var created = call(TestServer.DEV_ADMIN_KEY, "POST", "/environments", "{\"name\":\"busy\"}");
        var busyAdmin = created.body().at("/admin_key/secret").asString();
        assertThat(call(
                                busyAdmin,
                                "PUT",
                                "/integrations/fake",
                                "{\"base_url\":\"https://api.example\",\"auth_scheme\":\"bearer\"}")
                        .status())
                .isEqualTo(200);
        assertThat(call(
                                busyAdmin,
                                "POST",
                                "/connections",
                                "{\"integration\":\"fake\",\"connection_id\":\"c\",\"credentials\":{\"token\":\"t\"}}")
                        .status())
                .isBetween(200, 201);

        var refused = call(TestServer.DEV_ADMIN_KEY, "DELETE", "/environments/busy", null);
        var forced = call(TestServer.DEV_ADMIN_KEY, "DELETE", "/environments/busy?force=true", null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("environment_not_empty");
        assertThat(refused.message()).contains("1 connections").contains("force");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(server.server.connections().find("busy", "fake", "c")).isEmpty();
    }

    @Test
    void a_caller_sees_only_the_executions_it_started() throws Exception {
        var alice = newKey(TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\",\"name\":\"alice\"}")
                .get("secret")
                .asString();
        var bob = newKey(TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\",\"name\":\"bob\"}")
                .get("secret")
                .asString();
        var started = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                        .header("Authorization", "Bearer " + alice)
                        .header("Provider-Config-Key", "demo")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"action_name\":\"echo\",\"input\":{\"message\":\"mine\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var id = started.headers().firstValue("X-Execution-Id").orElseThrow();

        assertThat(call(alice, "GET", "/executions/" + id, null).status()).isEqualTo(200);
        assertThat(call(alice, "GET", "/action/" + id, null).status()).isEqualTo(200);
        assertThat(call(alice, "GET", "/executions", null).body().toString()).contains(id);
        var bobSees = call(bob, "GET", "/executions/" + id, null);
        assertThat(bobSees.status()).isEqualTo(404);
        assertThat(bobSees.message()).contains("started by this key");
        assertThat(call(bob, "GET", "/action/" + id, null).status()).isEqualTo(404);
        assertThat(call(bob, "GET", "/executions/" + id + "/logs", null).status())
                .isEqualTo(404);
        assertThat(call(bob, "GET", "/executions", null).body().toString()).doesNotContain(id);
        assertThat(call(TestServer.DEV_ADMIN_KEY, "GET", "/executions/" + id, null)
                        .status())
                .isEqualTo(200);
        assertThat(call(TestServer.DEV_ADMIN_KEY, "GET", "/executions", null)
                        .body()
                        .toString())
                .contains(id);
    }

    @Test
    void a_caller_sees_the_executions_its_mcp_sessions_started_and_no_one_elses() throws Exception {
        var carol = newKey(TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\",\"name\":\"carol\"}")
                .get("secret")
                .asString();
        var dave = newKey(TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\",\"name\":\"dave\"}")
                .get("secret")
                .asString();
        try (var client = McpClients.http(server.baseUrl(), carol, "demo", tools -> {})) {
            client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(
                    "echo", java.util.Map.of("message", "from mcp")));
        }

        var carols = call(carol, "GET", "/executions", null).body().get("executions");
        var daves = call(dave, "GET", "/executions", null).body().get("executions");

        assertThat(carols).hasSize(1);
        assertThat(carols.get(0).get("caller").asString()).isEqualTo("mcp");
        assertThat(daves).isEmpty();
        var id = carols.get(0).get("id").asString();
        assertThat(call(dave, "GET", "/executions/" + id, null).status()).isEqualTo(404);
        assertThat(call(carol, "GET", "/executions/" + id, null).status()).isEqualTo(200);
    }

    @Test
    void a_caller_key_narrowed_to_integrations_is_refused_the_others() throws Exception {
        var narrowed = newKey(TestServer.DEV_ADMIN_KEY, "{\"role\":\"caller\",\"integrations\":[\"demo\"]}")
                .get("secret")
                .asString();

        var allowed = echo(narrowed);
        var other = call(
                narrowed,
                "POST",
                "/action/trigger",
                "{\"action_name\":\"get-thing\",\"input\":{\"id\":\"1\"}}",
                "Provider-Config-Key",
                "fake");
        var unnamed = call(narrowed, "POST", "/action/trigger", "{\"action_name\":\"fake/get-thing\",\"input\":{}}");
        var proxy = call(narrowed, "GET", "/proxy/things/1", null, "Provider-Config-Key", "fake");
        var mcp = call(
                narrowed,
                "POST",
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                "Provider-Config-Key",
                "fake",
                "Accept",
                "application/json, text/event-stream");
        var actions = call(narrowed, "GET", "/actions", null);
        var adminNarrowed =
                call(TestServer.DEV_ADMIN_KEY, "POST", "/keys", "{\"role\":\"admin\",\"integrations\":[\"demo\"]}");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("integration_not_allowed");
        assertThat(other.message()).contains("limited to integrations demo, not 'fake'");
        assertThat(unnamed.status()).isEqualTo(403);
        assertThat(unnamed.message()).contains("Provider-Config-Key");
        assertThat(proxy.status()).isEqualTo(403);
        assertThat(mcp.status()).isEqualTo(403);
        assertThat(actions.body().toString())
                .contains("\"integration\":\"demo\"")
                .doesNotContain("\"integration\":\"fake\"");
        assertThat(adminNarrowed.status()).isEqualTo(400);
    }

    @Test
    void keys_made_in_process_carry_their_role() {
        var issued = server.server.keys().create("prod", KeyRole.CALLER, "in-process", List.of(), null);

        assertThat(issued.secret()).startsWith("ap_prod_");
        assertThat(issued.key().role()).isEqualTo("caller");
    }
}
