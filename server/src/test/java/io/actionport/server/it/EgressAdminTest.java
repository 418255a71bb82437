package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Integration and webhook URLs that would reach inside the network are refused when they are set. */
class EgressAdminTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Answer(int status, JsonNode body) {
        String code() {
            return body.at("/error/code").asString();
        }

        String message() {
            return body.at("/error/message").asString();
        }
    }

    static Answer put(String path, Map<String, String> body) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                        .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/",
                "http://10.0.0.1/",
                "http://172.16.0.1/",
                "http://192.168.1.1/",
                "http://0.0.0.0/",
                "http://[::]/",
                "http://[::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:7f00:1]/",
                "http://2130706433/",
                "http://0x7f000001/",
                "http://017700000001/",
                "http://127.1/",
                "http://localhost:8080/",
                "http://[fe80::1]/",
                "http://[fc00::1]/",
                "http://100.64.0.1/",
                "http://user:pass@example.com/",
                "ftp://example.com/",
                "file:///etc/passwd",
                "gopher://example.com:70/_GET",
                "jar:http://example.com/x.jar!/",
                "http://exa mple.com/",
                "http://[fd00:ec2::254]/"
            })
    void a_url_reaching_inside_is_refused_as_base_url_token_url_and_webhook_url(String url) throws Exception {
        var base = put("/integrations/inside", Map.of("base_url", url, "auth_scheme", "none"));
        var token = put(
                "/integrations/inside-oauth",
                Map.of(
                        "base_url", "https://api.example.com",
                        "auth_scheme", "oauth2",
                        "token_url", url,
                        "client_id", "c"));
        var webhook = put("/webhook", Map.of("url", url, "secret", "whsec_c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1sb25nISE="));

        assertThat(base.status()).isEqualTo(400);
        assertThat(base.code()).isEqualTo("egress_refused");
        assertThat(base.message()).startsWith("refused base_url '" + url + "': ");
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.code()).isEqualTo("egress_refused");
        assertThat(token.message()).startsWith("refused token_url '" + url + "': ");
        assertThat(webhook.status()).isEqualTo(400);
        assertThat(webhook.code()).isEqualTo("egress_refused");
        assertThat(webhook.message()).startsWith("refused webhook url '" + url + "': ");
        assertThat(server.server.connections().findIntegration("dev", "inside")).isEmpty();
        assertThat(server.server.connections().findIntegration("dev", "inside-oauth"))
                .isEmpty();
        assertThat(server.server.webhooks().find("dev")).isEmpty();
    }

    @Test
    void the_refusal_names_the_address_the_reason_and_how_to_allow_it() throws Exception {
        var answer =
                put("/integrations/meta", Map.of("base_url", "http://169.254.169.254/latest", "auth_scheme", "none"));

        assertThat(answer.message())
                .isEqualTo("refused base_url 'http://169.254.169.254/latest': 169.254.169.254 is a cloud metadata "
                        + "address (169.254.169.254); to allow it, start the server with --egress-allow "
                        + "169.254.169.254:80 or add it to ACTIONPORT_EGRESS_ALLOW");
    }

    @Test
    void the_allow_listed_fake_and_public_urls_are_accepted() throws Exception {
        var fake = put(
                "/integrations/fake2",
                Map.of("base_url", "http://127.0.0.1:" + server.provider.port() + "/api", "auth_scheme", "none"));
        var publicUrl =
                put("/integrations/public", Map.of("base_url", "https://api.github.com", "auth_scheme", "none"));

        assertThat(fake.status()).isEqualTo(200);
        assertThat(publicUrl.status()).isEqualTo(200);
    }
}
