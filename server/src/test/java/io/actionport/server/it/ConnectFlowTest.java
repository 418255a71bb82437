package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.actionport.server.Actionport;
import io.actionport.server.cli.ActionportCli;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.connection.ConnectionException;
import io.actionport.server.oauth.OAuthConfig;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.Json;
import io.actionport.server.webhook.WebhookSigner;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Per-user connections and connect links, over real HTTP: a backend asks for a link, the end
 * user's browser (a cookie-less client following redirects) goes through a fake provider's
 * authorization-code flow with PKCE, and the user's next call uses the connection it made.
 */
class ConnectFlowTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    static final Pattern LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/connect/[A-Za-z0-9_-]+");

    /** The system clock, moved forward when a test says so. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    @TempDir
    Path dataDir;

    final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    final HttpClient noRedirects = HttpClient.newHttpClient();
    final MovableClock clock = new MovableClock();
    FakeOAuthProvider provider;
    MockOAuth2Server issuer;
    Actionport server;

    @BeforeEach
    void start() throws Exception {
        provider = new FakeOAuthProvider();
        issuer = new MockOAuth2Server();
        issuer.start(InetAddress.getLoopbackAddress(), 0);
        server = Actionport.start(ServerConfig.defaults(dataDir)
                .withDatabaseUrl(databaseUrl())
                .withDevKey(TestServer.DEV_KEY)
                .withDevAdminKey(TestServer.DEV_ADMIN_KEY)
                .withMasterKey(TestServer.MASTER_KEY)
                .withEgressAllow(List.of("127.0.0.1:" + provider.port()))
                .withDevWebhook(provider.url("/webhook").toString(), SECRET)
                .withOAuth(OAuthConfig.issuer(issuer.issuerUrl("default").uri()))
                .withClock(clock));
        server.registry().deploy("dev", Bundle.of("crm", new CrmWhoAmI()), List.of());
        var saved = admin("PUT", "/integrations/crm", """
                {"base_url": "%s", "auth_scheme": "oauth2", "token_url": "%s", "client_id": "%s",
                 "client_secret": "%s", "authorization_url": "%s", "scopes": "profile email",
                 "revocation_url": "%s"}""".formatted(
                        provider.url("/api"),
                        provider.url("/token"),
                        FakeOAuthProvider.CLIENT_ID,
                        FakeOAuthProvider.CLIENT_SECRET,
                        provider.url("/authorize"),
                        provider.url("/revoke")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    /** The store: embedded H2 here, PostgreSQL in {@link ConnectFlowOnPostgresTest}. */
    String databaseUrl() {
        return null;
    }

    @AfterEach
    void stop() {
        server.close();
        issuer.shutdown();
        provider.close();
    }

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
    void two_end_users_calling_the_same_tool_each_reach_only_their_own_connection() throws Exception {
        provider.signInAs = "alice";
        open(link("alice"));
        provider.signInAs = "bob";
        open(link("bob"));

        var byAlice = trigger("alice", null);
        var byBob = trigger("bob", null);

        assertThat(byAlice.body()).isEqualTo("{\"name\":\"alice\"}");
        assertThat(byBob.body()).isEqualTo("{\"name\":\"bob\"}");
        assertThat(provider.apiTokens)
                .containsExactly(FakeOAuthProvider.accessTokenOf("alice"), FakeOAuthProvider.accessTokenOf("bob"));
    }

    @Test
    void an_end_user_id_that_breaks_the_rule_is_refused_naming_the_header() throws Exception {
        var call = trigger("has space", null);

        assertThat(call.statusCode()).isEqualTo(400);
        assertThat(errorCode(call)).isEqualTo("invalid_header");
        assertThat(call.body()).contains("End-User-Id must be 1 to 256");
    }

    @Test
    void a_queued_execution_runs_with_the_connection_of_the_user_it_was_started_for() throws Exception {
        open(link("alice"));

        var accepted = send(HttpRequest.newBuilder(server.baseUrl().resolve("/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", "crm")
                .header("End-User-Id", "alice")
                .header("X-Async", "true")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action_name\":\"who-am-i\",\"input\":{}}")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        var status = server.baseUrl()
                .resolve(Json.MAPPER.readTree(accepted.body()).get("statusUrl").asString());

        var done = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> send(
                                HttpRequest.newBuilder(status).header("Authorization", "Bearer " + TestServer.DEV_KEY)),
                        response -> response.statusCode() != 404);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("\"name\":\"alice\"");
        var view = send(HttpRequest.newBuilder(server.baseUrl()
                        .resolve("/executions/"
                                + Json.MAPPER
                                        .readTree(accepted.body())
                                        .get("id")
                                        .asString()))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY));
        assertThat(Json.MAPPER.readTree(view.body()).get("end_user_id").asString())
                .isEqualTo("alice");
    }

    @Test
    void a_backend_key_names_the_end_user_of_an_mcp_session() throws Exception {
        provider.signInAs = "erin";
        open(link("erin"));
        var transport = HttpClientStreamableHttpTransport.builder(
                        server.baseUrl().toString())
                .requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", "crm")
                        .header("End-User-Id", "erin"))
                .build();
        try (var client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
            client.initialize();

            var result = client.callTool(new McpSchema.CallToolRequest("who-am-i", Map.of()));

            assertThat(result.isError()).as(result.toString()).isFalse();
            assertThat(result.structuredContent()).isEqualTo(Map.of("name", "erin"));
        }
    }

    @Test
    void naming_another_users_connection_is_refused_exactly_like_an_unknown_one() throws Exception {
        open(link("alice"));
        var alices =
                server.connections().ownedBy("dev", "crm", "alice").getFirst().connectionId();

        var byBob = trigger("bob", alices);
        var unknown = trigger("bob", "no-such-connection");
        var byNobody = trigger(null, alices);

        assertThat(byBob.statusCode()).isEqualTo(404);
        assertThat(byNobody.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(byBob)).isEqualTo(errorCode(unknown)).isEqualTo("unknown_connection");
        assertThat(byBob.body().replace(alices, "X")).isEqualTo(unknown.body().replace("no-such-connection", "X"));
        assertThat(provider.apiTokens).isEmpty();
    }

    @Test
    void a_dry_run_uses_a_users_connection_only_for_that_user() throws Exception {
        open(link("alice"));
        var alices =
                server.connections().ownedBy("dev", "crm", "alice").getFirst().connectionId();
        var action = server.registry().find("dev", "crm", "who-am-i").orElseThrow();
        var input = Json.MAPPER.createObjectNode();

        var forAlice = server.runner().dryRun("dev", action, alices, "alice", input, false);

        assertThat(forAlice.output().get("name").asString()).isEqualTo("alice");
        assertThatThrownBy(() -> server.runner().dryRun("dev", action, alices, null, input, false))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> server.runner().dryRun("dev", action, alices, "bob", input, false))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void a_caller_without_an_end_user_cannot_use_a_users_connection_implicitly() throws Exception {
        open(link("alice"));
        var alices =
                server.connections().ownedBy("dev", "crm", "alice").getFirst().connectionId();

        var call = trigger(null, null);

        assertThat(call.statusCode()).isEqualTo(400);
        assertThat(errorCode(call)).isEqualTo("missing_connection");
        assertThat(call.body()).doesNotContain(alices);
        assertThat(provider.apiTokens).isEmpty();
    }

    @Test
    void a_user_without_a_connection_gets_a_connect_link_that_works_over_http() throws Exception {
        provider.signInAs = "carol";
        var first = trigger("carol", null);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(errorCode(first)).isEqualTo("connection_required");
        var connectUrl =
                Json.MAPPER.readTree(first.body()).at("/error/connect_url").asString();
        assertThat(connectUrl).matches(LINK);
        assertThat(provider.apiTokens).isEmpty();

        assertThat(open(URI.create(connectUrl)).statusCode()).isEqualTo(200);
        assertThat(trigger("carol", null).body()).isEqualTo("{\"name\":\"carol\"}");
    }

    @Test
    void an_mcp_caller_with_a_token_gets_a_connect_link_and_then_uses_its_own_connection() throws Exception {
        var token = issuer.anyToken(
                        issuer.issuerUrl("default"),
                        Map.of("sub", "dave", "aud", resource(), "scope", "mcp:tools"),
                        Duration.ofMinutes(5))
                .serialize();
        provider.signInAs = "dave";

        var first = whoAmIOverMcp(token, null);

        assertThat(first.result().get("isError").asBoolean()).isTrue();
        var text = first.result().at("/content/0/text").asString();
        assertThat(text).contains("connection_required").contains("has not connected 'crm'");
        var matcher = LINK.matcher(text);
        assertThat(matcher.find()).isTrue();
        assertThat(open(URI.create(matcher.group())).statusCode()).isEqualTo(200);

        var second = whoAmIOverMcp(token, null);

        assertThat(second.result().get("isError").asBoolean())
                .as(second.result().toString())
                .isFalse();
        assertThat(second.result().at("/structuredContent/name").asString()).isEqualTo("dave");
        assertThat(server.executions()
                        .search(
                                "dev",
                                new io.actionport.server.store.ExecutionStore.Filter(
                                        null, null, null, null, null, "oauth:dave"),
                                10)
                        .getFirst()
                        .endUser())
                .isEqualTo("dave");
    }

    @Test
    void an_mcp_token_cannot_act_for_another_end_user() {
        var token = issuer.anyToken(
                        issuer.issuerUrl("default"),
                        Map.of("sub", "dave", "aud", resource(), "scope", "mcp:tools"),
                        Duration.ofMinutes(5))
                .serialize();

        var answer = whoAmIOverMcp(token, "alice");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error().get("message").asString()).contains("acts for its subject 'dave' only");
    }

    @Test
    void disconnecting_revokes_the_grant_at_the_provider_and_deletes_the_connection() throws Exception {
        open(link("alice"));
        var alices =
                server.connections().ownedBy("dev", "crm", "alice").getFirst().connectionId();

        var deleted = admin("DELETE", "/connections/crm/" + alices, null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(provider.revocations).hasSize(1);
        assertThat(provider.revocations.getFirst())
                .containsEntry("token", FakeOAuthProvider.refreshTokenOf("alice"))
                .containsEntry("token_type_hint", "refresh_token")
                .containsEntry("client_id", FakeOAuthProvider.CLIENT_ID);
        assertThat(server.connections().ownedBy("dev", "crm", "alice")).isEmpty();
        assertThat(errorCode(trigger("alice", null))).isEqualTo("connection_required");
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

    record Run(int code, String out, String err) {}

    private Run cli(String... args) {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var commandLine = ActionportCli.commandLine();
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        var all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.baseUrl().toString(), "--key", TestServer.DEV_ADMIN_KEY));
        var previousOut = System.out;
        var previousErr = System.err;
        var capturedOut = new java.io.ByteArrayOutputStream();
        var capturedErr = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(capturedOut, true));
        System.setErr(new java.io.PrintStream(capturedErr, true));
        try {
            int code = commandLine.execute(all.toArray(String[]::new));
            return new Run(code, capturedOut + out.toString(), capturedErr + err.toString());
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    private URI link(String endUser) throws Exception {
        var created =
                admin("POST", "/connect/sessions", "{\"integration\":\"crm\",\"end_user_id\":\"" + endUser + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var body = Json.MAPPER.readTree(created.body());
        assertThat(body.get("end_user_id").asString()).isEqualTo(endUser);
        return URI.create(body.get("url").asString());
    }

    /** Follows the link to the provider and back, stopping before the callback is opened. */
    private URI callbackFor(URI link) throws Exception {
        var toProvider = noRedirects.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toProvider.statusCode()).isEqualTo(302);
        var toCallback = noRedirects.send(
                HttpRequest.newBuilder(URI.create(
                                toProvider.headers().firstValue("Location").orElseThrow()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(toCallback.statusCode()).isEqualTo(302);
        return URI.create(toCallback.headers().firstValue("Location").orElseThrow());
    }

    private HttpResponse<String> open(URI link) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(link).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri, String accept) throws Exception {
        return noRedirects.send(
                HttpRequest.newBuilder(uri).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> trigger(String endUser, String connectionId) throws Exception {
        var request = HttpRequest.newBuilder(server.baseUrl().resolve("/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", "crm")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action_name\":\"who-am-i\",\"input\":{}}"));
        if (endUser != null) {
            request.header("End-User-Id", endUser);
        }
        if (connectionId != null) {
            request.header("Connection-Id", connectionId);
        }
        return send(request);
    }

    private StatelessCall.Answer whoAmIOverMcp(String token, String endUser) {
        return StatelessCall.of(server.baseUrl(), "tools/call", "{\"name\":\"who-am-i\",\"arguments\":{}}", false)
                .header("Authorization", "Bearer " + token)
                .header("Provider-Config-Key", "crm")
                .header("Connection-Id", null)
                .header("End-User-Id", endUser)
                .send();
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(server.baseUrl().resolve(path))
                .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return noRedirects.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String resource() {
        return server.baseUrl().toString().replaceAll("/+$", "") + "/mcp";
    }

    private static String errorCode(HttpResponse<String> response) {
        JsonNode body = Json.MAPPER.readTree(response.body());
        return body.at("/error/code").asString();
    }
}
