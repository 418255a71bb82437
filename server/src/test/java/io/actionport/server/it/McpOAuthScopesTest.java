package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scopes map to tools: {@code mcp:read} reaches read-only tools, {@code mcp:write} (or the configured
 * {@code mcp:tools}) every tool, {@code mcp:tools:<integration>} one integration's; tokens come from a
 * real OAuth server on loopback.
 */
class McpOAuthScopesTest extends OAuthServerFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CREATE_ISSUE = "{\"name\":\"create-issue\",\"arguments\":{\"title\":\"scoped\"}}";
    private static final String ECHO = "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}";

    @Test
    void a_read_scope_lists_only_the_read_only_tools() {
        var answer = stateless("tools/list", "{}", token("mcp:read")).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(names(answer.result().get("tools")))
                .contains("echo", "list-issues")
                .doesNotContain("create-issue");
    }

    @Test
    void a_read_scope_calls_a_read_only_tool() {
        var answer = stateless("tools/call", ECHO, token("mcp:read")).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("isError").asBoolean()).isFalse();
    }

    @Test
    void a_read_scope_calling_a_write_tool_gets_a_step_up_challenge() throws Exception {
        var response = HTTP.send(
                stateless("tools/call", CREATE_ISSUE, token("mcp:read")).request(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"insufficient_scope\"")
                .contains("scope=\"mcp:read mcp:write\"")
                .contains("resource_metadata=\"" + base() + "/.well-known/oauth-protected-resource/mcp\"");
        assertThat(Json.MAPPER.readTree(response.body()).at("/error/message").asString())
                .contains("tool 'create-issue' is a write tool of integration 'demo'")
                .contains("needs the scope mcp:write (or mcp:tools:demo)");
        assertThat(server.executions().recent("dev", 10)).isEmpty();
    }

    @Test
    void a_write_scope_calls_a_write_tool() {
        var answer = stateless("tools/call", CREATE_ISSUE, token("mcp:write")).send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("isError").asBoolean())
                .as(answer.result().toString())
                .isFalse();
    }

    @Test
    void an_integration_scope_reaches_every_tool_of_that_integration_only() throws Exception {
        var demo = stateless("tools/list", "{}", token("mcp:tools:demo")).send();
        var other = stateless("tools/list", "{}", token("mcp:tools:github")).send();
        var otherCalls = HTTP.send(
                stateless("tools/call", ECHO, token("mcp:tools:github")).request(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(names(demo.result().get("tools"))).contains("echo", "create-issue");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.result().get("tools")).isEmpty();
        assertThat(otherCalls.statusCode()).isEqualTo(403);
        assertThat(otherCalls.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"mcp:read mcp:tools:github\"");
    }

    @Test
    void a_session_hides_and_refuses_the_tools_its_token_may_not_call() {
        try (var client = McpClients.http(server.baseUrl(), token("mcp:read"), "demo", tools -> {})) {
            var listed = client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();
            assertThat(listed).contains("echo").doesNotContain("create-issue");

            assertThatThrownBy(() -> client.callTool(McpSchema.CallToolRequest.builder()
                            .name("create-issue")
                            .arguments(Map.of("title", "scoped"))
                            .build()))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("needs the scope mcp:write");
        }
    }

    @Test
    void the_metadata_names_the_read_and_write_scopes() throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/.well-known/oauth-protected-resource/mcp"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(names(Json.MAPPER.readTree(response.body()).get("scopes_supported")))
                .containsExactly("mcp:tools", "mcp:read", "mcp:write");
    }

    @Test
    void a_static_key_still_reaches_every_tool() {
        var answer =
                StatelessCall.of(server.baseUrl(), "tools/list", "{}", false).send();

        assertThat(names(answer.result().get("tools"))).contains("echo", "create-issue");
    }

    private StatelessCall stateless(String method, String params, String token) {
        return StatelessCall.of(server.baseUrl(), method, params, false).header("Authorization", "Bearer " + token);
    }

    private String token(String scope) {
        return token(Map.of("sub", "alice", "aud", resource(), "scope", scope), Duration.ofMinutes(5));
    }

    private String base() {
        return server.baseUrl().toString().replaceAll("/+$", "");
    }

    private static List<String> names(tools.jackson.databind.JsonNode array) {
        var names = new ArrayList<String>();
        array.forEach(item ->
                names.add(item.isString() ? item.asString() : item.get("name").asString()));
        return names;
    }
}
