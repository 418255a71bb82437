package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.store.Json;
import io.actionport.server.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Connect links over real HTTP: a backend asks for a link, the end user's browser goes through a
 * fake provider's authorization-code flow with PKCE, the tokens become the user's connection; state
 * and verifier misuse, expiry and provider refusals end in a clear page and no connection.
 */
class ConnectFlowTest extends ConnectFixture {

    @Test
    void a_backend_connects_its_user_and_the_users_next_call_uses_that_connection() throws Exception {
        var page = open(link("alice"));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/connect/callback");
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Your crm account is connected");
        var call = trigger("alice", null);
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(call.body()).isEqualTo("{\"name\":\"alice\"}");
        assertThat(provider.apiTokens).containsExactly(FakeOAuthProvider.accessTokenOf("alice"));
        var owned = server.connections().ownedBy("dev", "crm", "alice");
        assertThat(owned).hasSize(1);
        assertThat(owned.getFirst().credentials())
                .containsEntry("refresh_token", FakeOAuthProvider.refreshTokenOf("alice"));
    }

    @Test
    void a_connection_made_through_a_link_is_in_the_audit_log_under_its_end_user() throws Exception {
        open(link("alice"));

        var audit = admin("GET", "/environments/dev/audit?action=connection.create", null);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        var owned = server.connections().ownedBy("dev", "crm", "alice").getFirst();
        assertThat(audit.body())
                .contains("\"actor\":\"end-user:alice\"")
                .contains("\"door\":\"connect\"")
                .contains("crm/" + owned.connectionId())
                .doesNotContain(FakeOAuthProvider.accessTokenOf("alice"))
                .doesNotContain(FakeOAuthProvider.refreshTokenOf("alice"));
    }

    @Test
    void a_new_connection_is_announced_by_a_signed_connection_created_webhook() throws Exception {
        open(link("alice"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !provider.webhooks.isEmpty());
        var delivery = provider.webhooks.getFirst();
        var event = Json.MAPPER.readTree(delivery.body());
        assertThat(event.get("type").asString()).isEqualTo("connection.created");
        assertThat(event.get("endUserId").asString()).isEqualTo("alice");
        assertThat(event.get("providerConfigKey").asString()).isEqualTo("crm");
        assertThat(event.get("connectionId").asString())
                .isEqualTo(server.connections()
                        .ownedBy("dev", "crm", "alice")
                        .getFirst()
                        .connectionId());
        assertThat(delivery.body()).doesNotContain(FakeOAuthProvider.accessTokenOf("alice"));
        var id = delivery.headers().get("Webhook-id").getFirst();
        var timestamp =
                Long.parseLong(delivery.headers().get("Webhook-timestamp").getFirst());
        assertThat(delivery.headers().get("Webhook-signature").getFirst())
                .isEqualTo(new WebhookSigner(SECRET).sign(id, timestamp, delivery.body()));
    }

    @Test
    void the_token_endpoint_gets_the_verifier_whose_s256_is_the_challenge_sent_to_authorize() throws Exception {
        open(link("alice"));

        var authorize = provider.authorizations.getFirst().query();
        var exchange = provider.tokenRequests.getFirst();
        assertThat(authorize)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", FakeOAuthProvider.CLIENT_ID)
                .containsEntry("scope", "profile email")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry(
                        "redirect_uri",
                        server.baseUrl().resolve("/connect/callback").toString());
        assertThat(authorize.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(authorize.values()).doesNotContain(exchange.get("code_verifier"));
        assertThat(exchange.get("code_verifier")).matches("[A-Za-z0-9_-]{43,128}");
        assertThat(FakeOAuthProvider.s256(exchange.get("code_verifier"))).isEqualTo(authorize.get("code_challenge"));
        assertThat(exchange).containsEntry("grant_type", "authorization_code");
    }

    @Test
    void a_reused_state_is_refused_and_makes_no_second_connection() throws Exception {
        var page = open(link("alice"));
        assertThat(page.statusCode()).isEqualTo(200);

        var replay = get(page.uri(), "text/html");

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("already used").doesNotContain("Exception");
        assertThat(server.connections().ownedBy("dev", "crm", "alice")).hasSize(1);
        assertThat(provider.tokenRequests).hasSize(1);
    }

    @Test
    void a_callback_sent_many_times_at_once_makes_one_connection() throws Exception {
        var callback = callbackFor(link("alice"));

        var answers = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> noRedirects.sendAsync(
                        HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString()))
                .toList()
                .stream()
                .map(java.util.concurrent.CompletableFuture::join)
                .map(HttpResponse::statusCode)
                .toList();

        assertThat(answers).containsOnlyOnce(200).containsOnly(200, 409);
        assertThat(provider.tokenRequests).hasSize(1);
        assertThat(server.connections().ownedBy("dev", "crm", "alice")).hasSize(1);
    }

    @Test
    void an_unknown_state_is_refused_in_html_and_in_json() throws Exception {
        var callback = server.baseUrl().resolve("/connect/callback?code=some-code&state=made-up");

        var html = get(callback, "text/html");
        var json = get(callback, "application/json");

        assertThat(html.statusCode()).isEqualTo(400);
        assertThat(html.body()).contains("belongs to no connect session");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(json.body()).at("/error/code").asString())
                .isEqualTo("unknown_state");
        assertThat(provider.tokenRequests).isEmpty();
    }

    @Test
    void an_expired_link_is_refused_before_the_provider_is_asked() throws Exception {
        var link = link("alice");
        clock.advance(Duration.ofMinutes(16));

        var page = open(link);

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("expired");
        assertThat(provider.authorizations).isEmpty();
    }

    @Test
    void a_session_that_expires_while_the_user_is_at_the_provider_is_refused_at_the_callback() throws Exception {
        var callback = callbackFor(link("alice"));
        clock.advance(Duration.ofMinutes(16));

        var page = get(callback, "text/html");

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(provider.tokenRequests).isEmpty();
        assertThat(server.connections().ownedBy("dev", "crm", "alice")).isEmpty();
    }

    @Test
    void a_code_the_provider_refuses_for_a_wrong_verifier_ends_in_an_error_page_and_no_connection() throws Exception {
        provider.forgetsTheChallenge = true;

        var page = open(link("alice"));

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body())
                .contains("invalid_grant")
                .doesNotContain(FakeOAuthProvider.CLIENT_SECRET)
                .doesNotContain("Exception");
        assertThat(server.connections().ownedBy("dev", "crm", "alice")).isEmpty();
    }

    @Test
    void a_provider_that_denies_access_is_reported_to_the_user() throws Exception {
        provider.denyWith = "access_denied";

        var page = open(link("alice"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("did not grant access: access_denied");
        assertThat(provider.tokenRequests).isEmpty();
    }

    @Test
    void a_backend_finds_its_users_connection_and_disconnecting_revokes_the_grant_then_deletes_it() throws Exception {
        provider.signInAs = "bob";
        open(link("bob"));
        provider.signInAs = "alice";
        open(link("alice"));
        var listed = Json.MAPPER.readTree(
                admin("GET", "/connections?end_user_id=alice", null).body());
        assertThat(listed.get("connections")).hasSize(1);
        var alices = listed.at("/connections/0/connection_id").asString();
        assertThat(listed.at("/connections/0/end_user_id").asString()).isEqualTo("alice");

        var deleted = admin("DELETE", "/connections/crm/" + alices, null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(provider.revocations).hasSize(1);
        assertThat(provider.revocations.getFirst())
                .containsEntry("token", FakeOAuthProvider.refreshTokenOf("alice"))
                .containsEntry("token_type_hint", "refresh_token")
                .containsEntry("client_id", FakeOAuthProvider.CLIENT_ID);
        assertThat(server.connections().ownedBy("dev", "crm", "alice")).isEmpty();
        assertThat(errorCode(trigger("alice", null))).isEqualTo("connection_required");
        assertThat(trigger("bob", null).body()).isEqualTo("{\"name\":\"bob\"}");
    }

    @Test
    void only_admin_keys_create_connect_links_and_the_integration_must_take_them() throws Exception {
        var byCaller = send(HttpRequest.newBuilder(server.baseUrl().resolve("/connect/sessions"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"integration\":\"crm\",\"end_user_id\":\"alice\"}")));
        admin("PUT", "/integrations/plain", "{\"base_url\": \"" + provider.url("/api") + "\"}");
        var plain = admin("POST", "/connect/sessions", "{\"integration\":\"plain\",\"end_user_id\":\"alice\"}");

        assertThat(byCaller.statusCode()).isEqualTo(403);
        assertThat(plain.statusCode()).isEqualTo(409);
        assertThat(plain.body()).contains("authorization_url");
    }

    @Test
    void the_cli_makes_a_link_that_connects_the_user_and_lists_whose_connection_it_is() throws Exception {
        var printed = cli("connections", "link", "--integration", "crm", "--end-user", "frank");
        var json = cli("connections", "link", "--integration", "crm", "--end-user", "frank", "-o", "json");

        assertThat(printed.code()).as(printed.err()).isZero();
        assertThat(printed.out().trim()).matches(LINK);
        assertThat(printed.err()).contains("send this link to frank");
        assertThat(Json.MAPPER.readTree(json.out()).get("end_user_id").asString())
                .isEqualTo("frank");
        provider.signInAs = "frank";
        assertThat(open(URI.create(printed.out().trim())).statusCode()).isEqualTo(200);
        assertThat(cli("connections", "list").out()).contains("end user frank");
        var refused = cli("connections", "link", "--integration", "crm", "--end-user", "has space");
        assertThat(refused.code()).as("refused as invalid input").isEqualTo(4);
    }
}
