package io.actionport.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.server.Actionport;
import io.actionport.server.cli.ActionportCli;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Database;
import io.actionport.server.store.Json;
import io.actionport.server.store.SecretCipher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** OAuth2 connections: refresh before expiry and on a 401, one refresh at a time, persisted encrypted, never shown. */
class OAuth2ConnectionTest {

    static final String DEV_KEY = "oauth-dev-key";
    static final String DEV_ADMIN_KEY = "oauth-dev-admin-key";
    static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OLD_ACCESS = "old-access-token-0001";
    static final String OLD_REFRESH = "refresh-token-0001";
    static final String NEW_ACCESS = "new-access-token-0002";
    static final String NEW_REFRESH = "refresh-token-0002";
    static final String CLIENT_SECRET = "client-secret-value";
    static final List<String> SECRETS = List.of(OLD_ACCESS, OLD_REFRESH, NEW_ACCESS, NEW_REFRESH, CLIENT_SECRET);
    static final int CONCURRENT_CALLS = 8;

    record Empty() {}

    record Me(@Description("Who the connection is.") String name) {}

    /** Reads the connection's user; logs the stored tokens, which must come out redacted. */
    static final class WhoAmI implements Action<Empty, Me> {
        @Override
        public ActionDescriptor<Empty, Me> descriptor() {
            return ActionDescriptor.builder("crm", "who-am-i", Empty.class, Me.class)
                    .description("Reads the connected user.")
                    .hints(ActionHints.READ)
                    .build();
        }

        @Override
        public Me run(Empty input, ActionContext context) {
            context.log().info("tokens {} and {}", OLD_ACCESS, OLD_REFRESH);
            return context.provider().getJson("/me", Me.class);
        }
    }

    @TempDir
    Path dataDir;

    final WireMockServer provider = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    final HttpClient http = HttpClient.newHttpClient();
    Actionport server;

    @BeforeEach
    void start() throws Exception {
        provider.start();
        provider.stubFor(get(urlEqualTo("/api/me"))
                .withHeader("Authorization", equalTo("Bearer " + OLD_ACCESS))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"token expired\"}")));
        provider.stubFor(get(urlEqualTo("/api/me"))
                .withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS))
                .willReturn(okJson("{\"name\":\"alice\"}")));
        server = startServer();
        var integration =
                call("PUT", "/integrations/crm", """
                {"base_url": "%s/api", "auth_scheme": "oauth2", "token_url": "%s/oauth/token",
                 "client_id": "client-1", "client_secret": "%s"}""".formatted(provider.baseUrl(), provider.baseUrl(), CLIENT_SECRET));
        assertThat(integration.statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
        provider.stop();
    }

    Actionport startServer() {
        var started = Actionport.start(ServerConfig.defaults(dataDir)
                .withDevKey(DEV_KEY)
                .withDevAdminKey(DEV_ADMIN_KEY)
                .withMasterKey(MASTER_KEY)
                .withEgressAllow(List.of("127.0.0.1:" + provider.port()))
                .withDevWebhook(null, null));
        started.registry().deploy("dev", Bundle.of("crm", new WhoAmI()), List.of());
        return started;
    }

    void connect(long expiresInSeconds) {
        server.connections()
                .create(new Connection(
                        "dev",
                        "crm",
                        "alice",
                        Map.of(
                                "access_token", OLD_ACCESS,
                                "refresh_token", OLD_REFRESH,
                                "expires_at", Long.toString(Instant.now().getEpochSecond() + expiresInSeconds)),
                        Map.of()));
    }

    void tokenEndpointGrants(int delayMillis) {
        provider.stubFor(post(urlEqualTo("/oauth/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + OLD_REFRESH))
                .withRequestBody(containing("client_id=client-1"))
                .withRequestBody(containing("client_secret=" + CLIENT_SECRET))
                .willReturn(okJson(
                                "{\"access_token\":\"%s\",\"refresh_token\":\"%s\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"
                                        .formatted(NEW_ACCESS, NEW_REFRESH))
                        .withFixedDelay(delayMillis)));
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + DEV_ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> whoAmI() {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                .header("Authorization", "Bearer " + DEV_KEY)
                .header("Provider-Config-Key", "crm")
                .header("Connection-Id", "alice")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action_name\":\"who-am-i\",\"input\":{}}"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    List<HttpResponse<String>> concurrentCalls() {
        var calls = IntStream.range(0, CONCURRENT_CALLS).mapToObj(i -> whoAmI()).toList();
        return calls.stream().map(CompletableFuture::join).toList();
    }

    Map<String, String> storedCredentials() {
        return server.connections().find("dev", "crm", "alice").orElseThrow().credentials();
    }

    @Test
    void tokens_about_to_expire_are_refreshed_once_for_concurrent_calls_before_any_is_sent() {
        connect(30);
        tokenEndpointGrants(500);

        var answers = concurrentCalls();

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"name\":\"alice\"}");
        });
        provider.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        provider.verify(
                0, getRequestedFor(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer " + OLD_ACCESS)));
        var stored = storedCredentials();
        assertThat(stored).containsEntry("access_token", NEW_ACCESS).containsEntry("refresh_token", NEW_REFRESH);
        assertThat(Long.parseLong(stored.get("expires_at")))
                .isBetween(Instant.now().getEpochSecond() + 3500, Instant.now().getEpochSecond() + 3600);
    }

    @Test
    void a_401_refreshes_once_for_concurrent_calls_and_each_call_is_sent_again_once() {
        connect(3600);
        tokenEndpointGrants(500);

        var answers = concurrentCalls();

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        provider.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        provider.verify(
                CONCURRENT_CALLS,
                getRequestedFor(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS)));
        assertThat(storedCredentials()).containsEntry("access_token", NEW_ACCESS);
    }

    @Test
    void refreshed_tokens_are_stored_encrypted_and_used_after_a_restart() throws Exception {
        connect(-10);
        tokenEndpointGrants(0);
        assertThat(whoAmI().join().statusCode()).isEqualTo(200);
        server.close();

        try (var db = Database.connectEmbedded(dataDir);
                var rows = db.createStatement()
                        .executeQuery("SELECT credentials_cipher FROM connections WHERE connection_id = 'alice'")) {
            assertThat(rows.next()).isTrue();
            var cipherText = rows.getString(1);
            assertThat(cipherText).doesNotContain(NEW_ACCESS).doesNotContain(NEW_REFRESH);
            assertThat(SecretCipher.withKey(new byte[32]).decrypt(cipherText)).contains(NEW_ACCESS, NEW_REFRESH);
        }
        server = startServer();

        var answer = whoAmI().join();

        assertThat(answer.statusCode()).isEqualTo(200);
        provider.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        provider.verify(
                2, getRequestedFor(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS)));
    }

    @Test
    void the_proxy_refreshes_on_a_401_and_sends_the_request_once_more() throws Exception {
        connect(3600);
        tokenEndpointGrants(0);

        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/proxy/me"))
                .header("Authorization", "Bearer " + DEV_KEY)
                .header("Provider-Config-Key", "crm")
                .header("Connection-Id", "alice")
                .build();
        var answer = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"name\":\"alice\"}");
        provider.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        provider.verify(
                1, getRequestedFor(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer " + OLD_ACCESS)));
        provider.verify(
                1, getRequestedFor(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS)));
    }

    @Test
    void tokens_and_the_client_secret_never_appear_in_execution_logs_or_responses() throws Exception {
        connect(3600);
        tokenEndpointGrants(0);

        var answer = whoAmI().join();
        var executionId = answer.headers().firstValue("X-Execution-Id").orElseThrow();
        var execution = call("GET", "/executions/" + executionId, null);
        var connections = call("GET", "/connections", null);
        var integrations = call("GET", "/integrations", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode view = Json.MAPPER.readTree(execution.body());
        assertThat(view.get("logs").toString())
                .contains("tokens [REDACTED] and [REDACTED]")
                .contains("provider GET /me -> 401")
                .contains("provider GET /me -> 200");
        for (var response : List.of(answer, execution, connections, integrations)) {
            assertThat(response.body()).doesNotContain(SECRETS);
        }
        assertThat(Json.MAPPER
                        .readTree(integrations.body())
                        .at("/integrations/0/has_client_secret")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void a_refused_refresh_fails_the_call_as_the_providers_fault_without_the_token_endpoints_words() throws Exception {
        connect(3600);
        provider.stubFor(post(urlEqualTo("/oauth/token"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"" + OLD_REFRESH
                                + " is revoked\"}")));

        var answer = whoAmI().join();

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(Json.MAPPER.readTree(answer.body()).at("/error/message").asString())
                .isEqualTo("cannot refresh the OAuth2 tokens of connection 'alice' of 'crm' at " + provider.baseUrl()
                        + "/oauth/token: the token endpoint answered 400 invalid_grant");
        assertThat(answer.body()).doesNotContain(SECRETS);
    }

    @Test
    void rotating_a_connection_replaces_its_credentials_through_the_api_and_the_cli() throws Exception {
        connect(3600);
        provider.stubFor(get(urlEqualTo("/api/me"))
                .withHeader("Authorization", equalTo("Bearer rotated-by-api"))
                .willReturn(okJson("{\"name\":\"api\"}")));
        provider.stubFor(get(urlEqualTo("/api/me"))
                .withHeader("Authorization", equalTo("Bearer rotated-by-cli"))
                .willReturn(okJson("{\"name\":\"cli\"}")));

        var rotated = call("PUT", "/connections/crm/alice", "{\"credentials\":{\"access_token\":\"rotated-by-api\"}}");
        var byApi = whoAmI().join();
        int exit = ActionportCli.commandLine()
                .execute(
                        "connections",
                        "rotate",
                        "alice",
                        "--integration",
                        "crm",
                        "--credential",
                        "access_token=rotated-by-cli",
                        "--url",
                        server.baseUrl().toString(),
                        "--key",
                        DEV_ADMIN_KEY);
        var byCli = whoAmI().join();
        var unknown = call("PUT", "/connections/crm/bob", "{\"credentials\":{\"access_token\":\"x\"}}");

        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.body()).doesNotContain("rotated-by-api").contains("\"credential_names\":[\"access_token\"]");
        assertThat(byApi.body()).isEqualTo("{\"name\":\"api\"}");
        assertThat(exit).isZero();
        assertThat(byCli.body()).isEqualTo("{\"name\":\"cli\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void an_oauth2_integration_without_a_token_url_is_refused() throws Exception {
        var answer = call(
                "PUT", "/integrations/broken", "{\"base_url\":\"https://api.example\",\"auth_scheme\":\"oauth2\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(answer.body()).at("/error/message").asString())
                .isEqualTo("an oauth2 integration needs an http(s) token_url, was null");
    }
}
