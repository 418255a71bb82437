package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.oauth.OAuthConfig;
import io.actionport.server.store.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opaque access tokens checked at the issuer's RFC 7662 introspection endpoint: an authorization
 * server in the test that knows a few tokens and wants this server's client credentials.
 */
class McpOAuthIntrospectionTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CLIENT_ID = "actionport";
    private static final String CLIENT_SECRET = "introspection-secret";

    @TempDir
    Path dataDir;

    private HttpServer issuer;
    private Actionport server;
    /** What the issuer answers for each token it knows; anything else is inactive. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    private final AtomicInteger introspections = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/introspect", exchange -> {
            introspections.incrementAndGet();
            var expected = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            byte[] body;
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                body = "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, body.length);
            } else {
                var form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var token = URLDecoder.decode(form.replaceAll(".*token=([^&]*).*", "$1"), StandardCharsets.UTF_8);
                body = answers.getOrDefault(token, "{\"active\":false}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
            }
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        issuer.start();
        server = start(CLIENT_SECRET);
    }

    private Actionport start(String clientSecret) {
        return Actionport.start(ServerConfig.defaults(dataDir)
                .withDevKey(TestServer.DEV_KEY)
                .withDevAdminKey(TestServer.DEV_ADMIN_KEY)
                .withMasterKey(TestServer.MASTER_KEY)
                .withDevWebhook(null, null)
                .withOAuth(OAuthConfig.issuer(issuerUrl())
                        .withIntrospection(new OAuthConfig.Introspection(
                                issuerUrl().resolve("/introspect"), CLIENT_ID, clientSecret))));
    }

    @AfterEach
    void stop() {
        server.close();
        issuer.stop(0);
    }

    @Test
    void an_active_opaque_token_for_this_server_lists_and_calls_tools_as_its_subject() {
        answers.put("opaque-alice", active("alice", resource(), "mcp:tools"));

        var listed = call("tools/list", "{}", "opaque-alice");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.result().get("tools").size()).isPositive();
        var echoed = call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}", "opaque-alice");
        assertThat(echoed.status()).isEqualTo(200);

        assertThat(server.executions()
                        .search(
                                "dev",
                                new io.actionport.server.store.ExecutionStore.Filter(
                                        null, null, null, null, null, "oauth:alice"),
                                10))
                .hasSize(1);
        assertThat(introspections)
                .as("the second call reuses the issuer's answer")
                .hasValue(1);
    }

    @Test
    void an_inactive_token_is_refused_with_401_and_the_issuers_word() throws Exception {
        var answer = HTTP.send(
                StatelessCall.of(server.baseUrl(), "tools/list", "{}", false)
                        .header("Authorization", "Bearer revoked-token")
                        .request(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"");
        assertThat(answer.body()).contains("the issuer says this access token is not active");
    }

    @Test
    void an_opaque_token_for_another_audience_is_refused() throws Exception {
        answers.put("opaque-elsewhere", active("alice", "https://other.example.com/mcp", "mcp:tools"));

        var answer = HTTP.send(
                StatelessCall.of(server.baseUrl(), "tools/list", "{}", false)
                        .header("Authorization", "Bearer opaque-elsewhere")
                        .request(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("not this server's " + resource());
    }

    @Test
    void an_opaque_token_without_the_scope_is_refused_with_403() throws Exception {
        answers.put("opaque-profile", active("alice", resource(), "profile"));

        var answer = HTTP.send(
                StatelessCall.of(server.baseUrl(), "tools/list", "{}", false)
                        .header("Authorization", "Bearer opaque-profile")
                        .request(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"");
    }

    @Test
    void wrong_client_credentials_are_a_503_that_names_them_not_a_refused_token() throws Exception {
        server.close();
        server = start("not-the-secret");
        answers.put("opaque-alice", active("alice", resource(), "mcp:tools"));

        var answer = HTTP.send(
                StatelessCall.of(server.baseUrl(), "tools/list", "{}", false)
                        .header("Authorization", "Bearer opaque-alice")
                        .request(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("answered HTTP 401").contains("--oauth-client-id");
        assertThat(answer.body()).doesNotContain("not-the-secret");
    }

    private StatelessCall.Answer call(String method, String params, String token) {
        return StatelessCall.of(server.baseUrl(), method, params, false)
                .header("Authorization", "Bearer " + token)
                .send();
    }

    private String active(String subject, String audience, String scope) {
        return Json.MAPPER
                .createObjectNode()
                .put("active", true)
                .put("sub", subject)
                .put("aud", audience)
                .put("scope", scope)
                .put("iss", issuerUrl().toString())
                .put("exp", Instant.now().plusSeconds(300).getEpochSecond())
                .toString();
    }

    private URI issuerUrl() {
        return URI.create("http://127.0.0.1:" + issuer.getAddress().getPort());
    }

    private String resource() {
        return server.baseUrl().toString().replaceAll("/+$", "") + "/mcp";
    }
}
