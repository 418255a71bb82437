package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.server.config.ServerConfig;
import io.actionport.server.store.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A server behind a proxy builds connect links, their redirect URI and its OAuth resource from --public-url. */
class PublicUrlTest extends ConnectFixture {

    static final URI PUBLIC = URI.create("https://actionport.example.test");

    @Override
    ServerConfig configure(ServerConfig config) {
        return config.withPublicUrl(PUBLIC);
    }

    @Test
    void connect_links_and_their_redirect_uri_name_the_public_url() throws Exception {
        var link = link("alice");
        assertThat(link.toString()).startsWith(PUBLIC + "/connect/");

        // The proxy would forward the link's path to the server's own port.
        var forwarded = server.baseUrl().resolve(link.getRawPath());
        var toProvider =
                noRedirects.send(HttpRequest.newBuilder(forwarded).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(toProvider.statusCode()).isEqualTo(302);
        var location = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(URLDecoder.decode(location, StandardCharsets.UTF_8))
                .contains("redirect_uri=" + PUBLIC + "/connect/callback");
    }

    @Test
    void the_protected_resource_is_the_public_mcp_url() throws Exception {
        var metadata =
                send(HttpRequest.newBuilder(server.baseUrl().resolve("/.well-known/oauth-protected-resource/mcp")));

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(metadata.body()).get("resource").asString())
                .isEqualTo(PUBLIC + "/mcp");
    }

    @Test
    void a_public_url_with_a_query_fragment_or_user_is_refused() {
        for (var url : java.util.List.of(
                "https://x.example.com?q=1", "https://x.example.com#frag", "https://u:p@x.example.com")) {
            assertThatThrownBy(() -> ServerConfig.defaults(Path.of("data")).withPublicUrl(URI.create(url)))
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no user, query or fragment");
        }
    }

    @Test
    void a_public_url_without_scheme_is_refused_with_an_example() {
        assertThatThrownBy(() ->
                        ServerConfig.defaults(Path.of("data")).withPublicUrl(URI.create("actionport.example.test")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--public-url must be an absolute http(s) URL")
                .hasMessageContaining("https://actionport.example.com");
    }
}
