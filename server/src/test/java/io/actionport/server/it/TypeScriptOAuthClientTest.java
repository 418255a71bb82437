package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.TokenRequest;
import io.actionport.server.store.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official TypeScript SDK v1 client with its OAuth client provider (client_credentials) against
 * {@code /mcp} with OAuth on: from a 401 to its tools, discovering everything on its own.
 */
class TypeScriptOAuthClientTest extends OAuthServerFixture {

    private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(90);

    private NodeTools node;
    private final List<TokenRequest> tokenRequests = new ArrayList<>();

    @BeforeEach
    void installNode() {
        node = NodeTools.installed();
    }

    /** With a sign-in page, as a user meets it in the code flow; client credentials never see it. */
    @Override
    MockOAuth2Server newIssuer() {
        return new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
    }

    @Test
    void the_ts_sdk_v1_client_follows_the_challenge_gets_a_token_for_this_resource_and_lists_tools() {
        issuer.enqueueCallback(new AsRequested("agent-backend"));

        var summary = run("mcp:read");

        assertThat(summary.path("server").asString()).isEqualTo("actionport");
        assertThat(summary.path("tokenType").asString()).isEqualToIgnoringCase("bearer");
        var first = summary.path("exchanges").get(0);
        assertThat(first.path("path").asString()).isEqualTo("/mcp");
        assertThat(first.path("status").asInt()).isEqualTo(401);
        assertThat(first.path("challenge").asString())
                .contains("resource_metadata=\"" + base() + "/.well-known/oauth-protected-resource/mcp\"");
        assertThat(paths(summary))
                .contains("/.well-known/oauth-protected-resource/mcp", "/default/token")
                .last()
                .isEqualTo("/mcp");
        // The token was asked for this server (RFC 8707) with the scope the client was given.
        assertThat(tokenRequests).hasSize(1);
        assertThat(tokenRequests.getFirst().getResources()).containsExactly(URI.create(base() + "/mcp"));
        // mcp:read reaches the read-only tools only.
        assertThat(texts(summary.path("tools"))).contains("echo", "list-issues").doesNotContain("create-issue");
    }

    @Test
    void the_ts_sdk_v1_client_completes_a_headless_authorization_code_flow_with_pkce_and_lists_tools() {
        issuer.enqueueCallback(new AsRequested("ide-user"));
        var redirect = "http://127.0.0.1:9/callback";

        var summary = runScript(
                "ts-sdk-v1-oauth-code.mjs",
                "ts-sdk-v1-oauth-code",
                base() + "/mcp",
                "ide",
                redirect,
                "mcp:read",
                "demo");

        assertThat(summary.path("unauthorized").asBoolean()).isTrue();
        var authorization = summary.path("authorization");
        assertThat(authorization.path("path").asString()).isEqualTo("/default/authorize");
        assertThat(authorization.path("codeChallengeMethod").asString()).isEqualTo("S256");
        assertThat(authorization.path("hasCodeChallenge").asBoolean()).isTrue();
        assertThat(authorization.path("resource").asString()).isEqualTo(base() + "/mcp");
        // The SDK asks for the scope of the 401's challenge (SEP-835's first choice).
        assertThat(authorization.path("scope").asString()).isEqualTo("mcp:tools");
        assertThat(summary.path("signInPage").asInt()).isEqualTo(200);
        assertThat(summary.path("redirectedTo").asString()).isEqualTo(redirect);
        assertThat(tokenRequests).hasSize(1);
        assertThat(tokenRequests.getFirst().getAuthorizationGrant().getType().getValue())
                .isEqualTo("authorization_code");
        assertThat(tokenRequests.getFirst().getResources()).containsExactly(URI.create(base() + "/mcp"));
        assertThat(paths(summary)).contains("/.well-known/oauth-protected-resource/mcp", "/default/token");
        assertThat(texts(summary.path("tools"))).contains("echo", "list-issues", "create-issue");
    }

    /**
     * Issues a token whose audience is the resource the client asked for and, in the client
     * credentials grant, whose scope is the one it asked for (in the code flow the user's sign-in
     * says what they consented to).
     */
    private final class AsRequested extends DefaultOAuth2TokenCallback {
        AsRequested(String subject) {
            super("default", subject);
        }

        @Override
        public List<String> audience(TokenRequest request) {
            tokenRequests.add(request);
            return request.getResources() == null
                    ? List.of()
                    : request.getResources().stream().map(URI::toString).toList();
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            return request.getScope() == null
                    ? Map.of()
                    : Map.of("scope", request.getScope().toString());
        }
    }

    private JsonNode run(String scope) {
        return runScript(
                "ts-sdk-v1-oauth.mjs",
                "ts-sdk-v1-oauth",
                base() + "/mcp",
                issuerUrl().toString(),
                "agent-backend",
                "agent-backend-secret",
                scope,
                "demo");
    }

    private JsonNode runScript(String script, String outputDir, String... scriptArguments) {
        var arguments = new ArrayList<String>();
        arguments.add(node.script(script).toString());
        arguments.addAll(List.of(scriptArguments));
        var run = node.run(node.freshOutputDir(outputDir), SCRIPT_LIMIT, arguments);
        var lines = run.stdout().strip().lines().toList();
        assertThat(lines).as("the script's summary line; %s", run.output()).isNotEmpty();
        var summary = Json.MAPPER.readTree(lines.getLast());
        assertThat(summary.has("error"))
                .as("the script failed: %s%n%s", summary.path("error").asString(), run.output())
                .isFalse();
        assertThat(run.exitCode()).as(run.output()).isZero();
        return summary;
    }

    private String base() {
        return server.baseUrl().toString().replaceAll("/+$", "");
    }

    private static List<String> paths(JsonNode summary) {
        var paths = new ArrayList<String>();
        summary.path("exchanges")
                .forEach(exchange -> paths.add(exchange.path("path").asString()));
        return paths;
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
