package io.actionport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.oauth.OAuthConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OAuthOptionsTest {

    @Test
    void serve_turns_oauth_on_with_an_issuer_and_takes_scopes_comma_separated() {
        var serve = new ServeCommand();
        new CommandLine(serve)
                .parseArgs(
                        "--oauth-issuer", "https://sso.example.com/realms/a",
                        "--oauth-resource", "https://mcp.example.com/mcp",
                        "--oauth-environment", "prod",
                        "--oauth-scope", "mcp:tools,mcp:read");

        assertThat(serve.oauth.oauth())
                .isEqualTo(new OAuthConfig(
                        URI.create("https://sso.example.com/realms/a"),
                        URI.create("https://mcp.example.com/mcp"),
                        "prod",
                        List.of("mcp:tools", "mcp:read"),
                        null,
                        null));
    }

    @Test
    void serve_without_an_issuer_keeps_oauth_off() {
        var serve = new ServeCommand();
        new CommandLine(serve).parseArgs();

        assertThat(serve.oauth.oauth().enabled()).isFalse();
    }
}
