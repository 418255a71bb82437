package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.oauth.OAuthConfig;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /mcp} as an OAuth resource server, against a real OAuth/OIDC server on loopback. */
class McpOAuthTest extends OAuthServerFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void protected_resource_metadata_names_the_issuer_at_both_well_known_paths() throws Exception {
        for (var path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp")) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("*");
            var json = Json.MAPPER.readTree(response.body());
            assertThat(json.get("resource").asString()).isEqualTo(resource());
            assertThat(json.get("authorization_servers").get(0).asString())
                    .isEqualTo(issuerUrl().toString());
            assertThat(json.get("scopes_supported").get(0).asString()).isEqualTo("mcp:tools");
            assertThat(json.get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
        }
    }

    @Test
    void a_request_without_a_credential_is_challenged_to_the_metadata() throws Exception {
        var response = send(call().header("Authorization", null));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer resource_metadata=\"" + metadataUrl() + "\", scope=\"mcp:tools\"");
        assertThat(Json.MAPPER
                        .readTree(response.body())
                        .get("error")
                        .get("message")
                        .asString())
                .contains("send an OAuth access token for " + resource());
    }

    @Test
    void a_browser_page_of_an_allowed_origin_may_read_the_challenge() throws Exception {
        var response = send(call().header("Authorization", null).header("Origin", "http://localhost:6274"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers()
                        .firstValue("Access-Control-Expose-Headers")
                        .orElseThrow())
                .contains("WWW-Authenticate");
    }

    @Test
    void a_valid_token_lists_tools_statelessly_and_in_a_session() {
        var token = token(Map.of("sub", "alice", "aud", resource(), "scope", "mcp:tools"), Duration.ofMinutes(5));

        var answer = call().header("Authorization", "Bearer " + token).send();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("tools").size()).isPositive();

        try (var client = McpClients.http(server.baseUrl(), token, "demo", tools -> {})) {
            assertThat(client.listTools().tools()).isNotEmpty();
        }
    }

    @Test
    void a_token_holder_is_recorded_by_subject_and_sees_only_its_own_executions() {
        var alice = token(Map.of("sub", "alice", "aud", resource(), "scope", "mcp:tools"), Duration.ofMinutes(5));
        var bob = token(Map.of("sub", "bob", "aud", resource(), "scope", "mcp:tools"), Duration.ofMinutes(5));
        var echo = StatelessCall.of(
                        server.baseUrl(), "tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}", false)
                .header("Authorization", "Bearer " + alice)
                .send();
        assertThat(echo.status()).isEqualTo(200);

        var started = server.executions()
                .search("dev", new ExecutionStore.Filter(null, null, null, null, null, "oauth:alice"), 10);
        assertThat(started).hasSize(1);
        var read = "{\"uri\":\"actionport://executions/" + started.getFirst().id() + "\"}";

        var byAlice = StatelessCall.of(server.baseUrl(), "resources/read", read, false)
                .header("Authorization", "Bearer " + alice)
                .send();
        var byBob = StatelessCall.of(server.baseUrl(), "resources/read", read, false)
                .header("Authorization", "Bearer " + bob)
                .send();
        assertThat(byAlice.result().at("/contents/0/text").asString()).contains("hi");
        assertThat(byBob.error().get("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void a_token_for_another_audience_is_refused_as_invalid() throws Exception {
        var token = token(
                Map.of("sub", "alice", "aud", "https://other.example/mcp", "scope", "mcp:tools"),
                Duration.ofMinutes(5));

        var response = send(call().header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"invalid_token\", error_description=\"")
                .contains("audience")
                .contains("resource_metadata=\"" + metadataUrl() + "\"");
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        var token = token(Map.of("sub", "alice", "aud", resource(), "scope", "mcp:tools"), Duration.ofMinutes(-5));

        var response = send(call().header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"")
                .contains("Expired");
    }

    @Test
    void a_token_signed_by_a_key_the_issuer_does_not_publish_is_refused() throws Exception {
        var rogue = new RSAKeyGenerator(2048).keyID("rogue").generate();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("rogue")
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuerUrl().toString())
                        .subject("mallory")
                        .audience(resource())
                        .claim("scope", "mcp:tools")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build());
        jwt.sign(new RSASSASigner(rogue));

        var response = send(call().header("Authorization", "Bearer " + jwt.serialize()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"");
    }

    @Test
    void a_token_without_the_scope_is_forbidden_with_insufficient_scope() throws Exception {
        var token = token(Map.of("sub", "alice", "aud", resource(), "scope", "profile"), Duration.ofMinutes(5));

        var response = send(call().header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"insufficient_scope\"")
                .contains("scope=\"mcp:tools\"");
        assertThat(Json.MAPPER
                        .readTree(response.body())
                        .get("error")
                        .get("message")
                        .asString())
                .contains("lacks the scope mcp:tools");
    }

    @Test
    void tokens_for_an_environment_that_does_not_exist_name_the_setting_to_fix(@TempDir Path otherDir)
            throws Exception {
        try (var misconfigured = Actionport.start(ServerConfig.defaults(otherDir)
                .withMasterKey(TestServer.MASTER_KEY)
                .withDevWebhook(null, null)
                .withOAuth(OAuthConfig.issuer(issuerUrl()).withEnvironment("staging")))) {
            var audience = misconfigured.baseUrl().toString().replaceAll("/+$", "") + "/mcp";
            var token = token(Map.of("sub", "alice", "aud", audience, "scope", "mcp:tools"), Duration.ofMinutes(5));

            var response = send(StatelessCall.of(misconfigured.baseUrl(), "tools/list", "{}", false)
                    .header("Authorization", "Bearer " + token));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(Json.MAPPER
                            .readTree(response.body())
                            .get("error")
                            .get("message")
                            .asString())
                    .contains("environment 'staging', which does not exist")
                    .contains("--oauth-environment");
        }
    }

    @Test
    void a_static_dev_key_still_works_with_oauth_on() {
        var answer = call().send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("tools").size()).isPositive();
    }

    @Test
    void a_wrong_static_key_is_challenged_too() throws Exception {
        var response = send(call().header("Authorization", "Bearer not-a-key"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"")
                .contains("resource_metadata=\"" + metadataUrl() + "\"");
    }

    private String metadataUrl() {
        return server.baseUrl().toString().replaceAll("/+$", "") + "/.well-known/oauth-protected-resource/mcp";
    }

    private StatelessCall call() {
        return StatelessCall.of(server.baseUrl(), "tools/list", "{}", false);
    }

    private static HttpResponse<String> send(StatelessCall call) throws Exception {
        return HTTP.send(call.request(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(server.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
