package io.actionport.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.auth.KeyRole;
import io.actionport.server.auth.Principal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tools a token's scopes reach, decided in one place. */
class ToolScopesTest {

    private final ToolScopes scopes = new ToolScopes(List.of("mcp:tools"));

    private static Principal token(String... granted) {
        return new Principal("dev", "oauth:alice", KeyRole.CALLER, Set.of(), Set.of(granted));
    }

    @Test
    void a_key_reaches_every_tool_whatever_its_scopes() {
        var grant = scopes.grantOf(new Principal("dev", "key_1", KeyRole.CALLER, Set.of()));

        assertThat(grant.mayCall("github", false)).isTrue();
    }

    @Test
    void the_configured_scopes_or_mcp_write_reach_every_tool() {
        assertThat(scopes.grantOf(token("mcp:tools")).mayCall("github", false)).isTrue();
        assertThat(scopes.grantOf(token("mcp:write")).mayCall("github", false)).isTrue();
    }

    @Test
    void several_configured_scopes_reach_every_tool_only_together() {
        var both = new ToolScopes(List.of("mcp:tools", "agents"));

        assertThat(both.grantOf(token("mcp:tools")).mayCall("github", true)).isFalse();
        assertThat(both.grantOf(token("mcp:tools", "agents")).mayCall("github", false))
                .isTrue();
    }

    @Test
    void with_no_configured_scope_any_token_reaches_every_tool() {
        var none = new ToolScopes(List.of());

        assertThat(none.grantOf(token()).mayCall("github", false)).isTrue();
    }

    @Test
    void mcp_read_reaches_read_only_tools_only() {
        var grant = scopes.grantOf(token("mcp:read"));

        assertThat(grant.mayCall("github", true)).isTrue();
        assertThat(grant.mayCall("github", false)).isFalse();
    }

    @Test
    void an_integration_scope_reaches_that_integrations_tools_and_adds_to_read() {
        var grant = scopes.grantOf(token("mcp:read", "mcp:tools:github"));

        assertThat(grant.mayCall("github", false)).isTrue();
        assertThat(grant.mayCall("slack", true)).isTrue();
        assertThat(grant.mayCall("slack", false)).isFalse();
    }

    @Test
    void a_token_with_no_tool_scope_may_not_enter() {
        assertThat(scopes.grantOf(token("profile", "mcp:tools:")).mayEnter()).isFalse();
        assertThat(scopes.grantOf(token("mcp:read")).mayEnter()).isTrue();
    }

    @Test
    void a_refusal_asks_for_what_the_token_has_plus_what_the_tool_needs() {
        var refusal = scopes.grantOf(token("mcp:read", "profile")).refusal("create-issue", "demo", false);

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.scope()).isEqualTo("mcp:read mcp:write profile");
        assertThat(refusal.challenge("https://mcp.example.com/.well-known/oauth-protected-resource/mcp", "mcp:tools"))
                .startsWith("Bearer error=\"insufficient_scope\"")
                .endsWith("scope=\"mcp:read mcp:write profile\"");
    }

    @Test
    void grants_that_list_the_same_tools_share_a_key() {
        assertThat(scopes.grantOf(token("mcp:tools")).key())
                .isEqualTo(scopes.grantOf(token("mcp:write", "profile")).key());
        assertThat(scopes.grantOf(token("mcp:read")).key())
                .isNotEqualTo(
                        scopes.grantOf(token("mcp:read", "mcp:tools:github")).key());
    }

    @Test
    void the_metadata_lists_the_configured_scopes_then_read_and_write() {
        assertThat(scopes.supported()).containsExactly("mcp:tools", "mcp:read", "mcp:write");
    }
}
