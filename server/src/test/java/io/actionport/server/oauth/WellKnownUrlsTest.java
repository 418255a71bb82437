package io.actionport.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where metadata documents live, as RFC 9728 and RFC 8414 place them for URLs with a path. */
class WellKnownUrlsTest {

    @Test
    void resource_metadata_of_a_public_resource_inserts_the_well_known_path_before_its_path() {
        var metadata = new ProtectedResourceMetadata(
                OAuthConfig.issuer(URI.create("https://sso.example.com/realms/a"))
                        .withResource(URI.create("https://mcp.example.com:8443/tenant/mcp")),
                () -> URI.create("http://127.0.0.1:8787"));

        assertThat(metadata.url())
                .isEqualTo("https://mcp.example.com:8443/.well-known/oauth-protected-resource/tenant/mcp");
    }

    @Test
    void the_default_resource_is_the_servers_own_url_and_mcp() {
        var metadata = new ProtectedResourceMetadata(
                OAuthConfig.issuer(URI.create("https://sso.example.com")), () -> URI.create("http://127.0.0.1:8787/"));

        assertThat(metadata.resource()).isEqualTo(URI.create("http://127.0.0.1:8787/mcp"));
        assertThat(metadata.url()).isEqualTo("http://127.0.0.1:8787/.well-known/oauth-protected-resource/mcp");
    }

    @Test
    void issuer_metadata_is_looked_for_in_the_openid_and_the_rfc_8414_place() {
        assertThat(IssuerKeys.metadataUrls(URI.create("https://sso.example.com/realms/actionport/")))
                .containsExactly(
                        URI.create("https://sso.example.com/realms/actionport/.well-known/openid-configuration"),
                        URI.create("https://sso.example.com/.well-known/oauth-authorization-server/realms/actionport"));
    }

    @Test
    void a_long_subject_is_recorded_as_its_digest_to_fit_the_key_id() {
        assertThat(AccessTokens.keyIdOf("alice")).isEqualTo("oauth:alice");
        assertThat(AccessTokens.keyIdOf("x".repeat(100)))
                .startsWith("oauth:sha256:")
                .hasSize(77);
    }
}
