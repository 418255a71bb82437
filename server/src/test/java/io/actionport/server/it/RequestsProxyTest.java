package io.actionport.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import io.actionport.server.store.Json;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code /proxy}: what is forwarded, what is not, and every way out of the integration's host refused. */
class RequestsProxyTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final WireMockServer evil = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
        evil.start();
        evil.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("stolen")));
    }

    @AfterAll
    static void stop() {
        server.close();
        evil.stop();
    }

    @BeforeEach
    void reset() {
        server.provider.resetAll();
        evil.resetRequests();
    }

    /** An answer read off a raw socket: the request line goes out exactly as written, nothing normalized. */
    record Raw(int status, String head, String body) {
        JsonNode json() {
            return Json.MAPPER.readTree(body);
        }

        String errorMessage() {
            return json().path("error").path("message").asString();
        }

        String header(String name) {
            return head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                    .map(line -> line.substring(name.length() + 1).trim())
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Sends one request as the dev caller of the {@code fake} connection, plus {@code headers}. */
    static Raw raw(String method, String target, String body, String... headers) throws IOException {
        var lines = new ArrayList<>(List.of(headers));
        for (var fallback : List.of(
                "Host: 127.0.0.1:" + server.baseUrl().getPort(),
                "Authorization: Bearer " + TestServer.DEV_KEY,
                "Provider-Config-Key: fake",
                "Connection-Id: fake-conn",
                "Connection: close")) {
            var name = fallback.substring(0, fallback.indexOf(':') + 1);
            if (lines.stream().noneMatch(line -> line.startsWith(name))) {
                lines.add(fallback);
            }
        }
        if (body != null) {
            lines.add("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        }
        try (var socket = new Socket("127.0.0.1", server.baseUrl().getPort())) {
            var request = method + " " + target + " HTTP/1.1\r\n" + String.join("\r\n", lines) + "\r\n\r\n"
                    + (body == null ? "" : body);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            var text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            var head = text.substring(0, split);
            var rest = text.substring(split + 4);
            var answer = new Raw(Integer.parseInt(head.substring(9, 12)), head, rest);
            return "chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))
                    ? new Raw(answer.status(), head, unchunk(rest))
                    : answer;
        }
    }

    private static String unchunk(String chunked) {
        var out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    @Test
    void a_request_is_forwarded_with_the_connections_credentials_and_without_the_callers() throws Exception {
        server.provider.stubFor(post(urlEqualTo("/api/things?x=1&y=a%20b"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Provider", "yes")
                        .withHeader("Set-Cookie", "session=provider-secret")
                        .withBody("{\"id\":\"t1\"}")));
        var body = "{\"name\":\"thing\"}";

        var answer = raw(
                "POST",
                "/proxy/things?x=1&y=a%20b",
                body,
                "Content-Type: application/json",
                "X-Custom: kept",
                "X-Hop: dropped",
                "Keep-Alive: timeout=5",
                "Cookie: caller=secret",
                "X-Actionport-Environment: dev",
                "Connection: close, X-Hop");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("{\"id\":\"t1\"}");
        assertThat(answer.header("X-Provider")).isEqualTo("yes");
        assertThat(answer.header("Set-Cookie")).isNull();
        server.provider.verify(postRequestedFor(urlEqualTo("/api/things?x=1&y=a%20b"))
                .withHeader("Authorization", equalTo("Bearer " + TestServer.FAKE_TOKEN))
                .withHeader("Host", equalTo("localhost:" + server.provider.port()))
                .withHeader("X-Custom", equalTo("kept"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("X-Hop", absent())
                .withHeader("Keep-Alive", absent())
                .withHeader("Cookie", absent())
                .withHeader("Connection-Id", absent())
                .withHeader("Provider-Config-Key", absent())
                .withHeader("X-Actionport-Environment", absent())
                .withRequestBody(equalToJson(body)));
    }

    @Test
    void the_providers_errors_come_back_as_they_are() throws Exception {
        server.provider.stubFor(get(urlEqualTo("/api/things/missing"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        var answer = raw("GET", "/proxy/things/missing", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void a_proxy_call_needs_the_environment_key_and_an_integration() throws Exception {
        var port = server.baseUrl().getPort();
        var anonymous = new java.net.URI("http://127.0.0.1:" + port + "/proxy/things/1");
        var http = java.net.http.HttpClient.newHttpClient();
        var noKey = http.send(
                java.net.http.HttpRequest.newBuilder(anonymous)
                        .header("Provider-Config-Key", "fake")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var noIntegration = http.send(
                java.net.http.HttpRequest.newBuilder(anonymous)
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var unknownConnection = raw("GET", "/proxy/things/1", null, "Connection-Id: nobody");

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noIntegration.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER
                        .readTree(noIntegration.body())
                        .at("/error/message")
                        .asString())
                .isEqualTo("name the integration to proxy to with the Provider-Config-Key header");
        assertThat(unknownConnection.status()).isEqualTo(404);
        assertThat(server.provider.getAllServeEvents()).isEmpty();
    }

    @Test
    void dot_segments_are_refused_plain_or_encoded() throws Exception {
        var plain = raw("GET", "/proxy/../admin/deploy", null);
        var encoded = raw("GET", "/proxy/things/%2e%2e/%2E%2E/admin", null);

        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.errorMessage())
                .isEqualTo("refused provider path '/../admin/deploy': it has a dot segment (. or ..)");
        assertThat(encoded.status()).isEqualTo(400);
        assertThat(encoded.errorMessage())
                .isEqualTo("refused provider path '/things/%2e%2e/%2E%2E/admin': it has a dot segment (. or ..)");
        assertNothingLeft();
    }

    @Test
    void a_double_slash_that_would_name_another_host_is_refused() throws Exception {
        var answer = raw("GET", "/proxy//127.0.0.1:" + evil.port() + "/steal", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asString()).isEqualTo("forbidden_provider_target");
        assertThat(answer.errorMessage())
                .isEqualTo(
                        "refused provider path '//127.0.0.1:" + evil.port() + "/steal': it has an empty segment (//)");
        assertNothingLeft();
    }

    @Test
    void absolute_urls_are_refused_plain_or_encoded() throws Exception {
        var evilUrl = "http://127.0.0.1:" + evil.port() + "/steal";
        var plain = raw("GET", "/proxy/" + evilUrl, null);
        var encoded = raw("GET", "/proxy/http:%2F%2F127.0.0.1:" + evil.port() + "%2Fsteal", null);
        var encodedSlash = raw("GET", "/proxy/things%2F..%2F..%2Fadmin", null);
        var absoluteForm = raw("GET", evilUrl, null);

        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.errorMessage())
                .isEqualTo("refused provider path '/" + evilUrl
                        + "': it is an absolute URL; send a path below the integration's base URL");
        assertThat(encoded.status()).isEqualTo(400);
        assertThat(encoded.errorMessage())
                .endsWith("': it is an absolute URL; send a path below the integration's base URL");
        assertThat(encodedSlash.status()).isEqualTo(400);
        assertThat(encodedSlash.errorMessage())
                .isEqualTo("refused provider path '/things%2F..%2F..%2Fadmin': it has an encoded slash or a backslash");
        // A request target in absolute form is not a proxy route at all.
        assertThat(absoluteForm.status()).isEqualTo(404);
        assertNothingLeft();
    }

    @Test
    void a_redirect_off_the_integrations_host_is_refused_and_not_followed() throws Exception {
        var evilUrl = "http://127.0.0.1:" + evil.port() + "/steal";
        server.provider.stubFor(get(urlEqualTo("/api/away"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", evilUrl)));
        server.provider.stubFor(get(urlEqualTo("/api/up"))
                .willReturn(aResponse().withStatus(301).withHeader("Location", "/admin")));

        var away = raw("GET", "/proxy/away", null);
        var up = raw("GET", "/proxy/up", null);

        assertThat(away.status()).isEqualTo(502);
        assertThat(away.json().at("/error/code").asString()).isEqualTo("provider_redirect_refused");
        assertThat(away.errorMessage())
                .isEqualTo("the provider redirected to " + evilUrl + ", outside the integration's base URL "
                        + server.provider.baseUrl() + "/api; the proxy does not follow redirects, nor pass on "
                        + "ones that leave the integration");
        assertThat(up.status()).isEqualTo(502);
        assertThat(up.errorMessage())
                .startsWith("the provider redirected to /admin, outside the integration's base URL");
        assertThat(evil.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_redirect_below_the_base_url_is_passed_on_as_a_proxy_path() throws Exception {
        server.provider.stubFor(get(urlEqualTo("/api/things/old"))
                .willReturn(aResponse()
                        .withStatus(301)
                        .withHeader("Location", server.provider.baseUrl() + "/api/things/new?v=2")));

        var answer = raw("GET", "/proxy/things/old", null);

        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.header("Location")).isEqualTo("/proxy/things/new?v=2");
        server.provider.verify(1, getRequestedFor(urlEqualTo("/api/things/old")));
        server.provider.verify(0, getRequestedFor(urlEqualTo("/api/things/new?v=2")));
    }

    @Test
    void an_api_key_in_the_query_is_added_and_never_handed_back_in_a_redirect() throws Exception {
        var connections = server.server.connections();
        connections.saveIntegration(new Integration(
                "dev", "keyed", URI.create(server.provider.baseUrl() + "/api"), AuthScheme.API_KEY_QUERY, "api_key"));
        connections.create(new Connection("dev", "keyed", "k1", Map.of("api_key", "k3y-secret"), Map.of()));
        server.provider.stubFor(get(urlEqualTo("/api/list?page=1&api_key=k3y-secret"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/api/list?page=2&api_key=k3y-secret")));

        var answer = raw("GET", "/proxy/list?page=1", null, "Provider-Config-Key: keyed", "Connection-Id: k1");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).isEqualTo("/proxy/list?page=2");
        server.provider.verify(1, getRequestedFor(urlEqualTo("/api/list?page=1&api_key=k3y-secret")));
    }

    @Test
    void a_secret_is_scrubbed_from_every_response_header_raw_or_url_encoded() throws Exception {
        var secret = "k3y/s3cr3t+value";
        var encoded = "k3y%2Fs3cr3t%2Bvalue";
        var connections = server.server.connections();
        connections.saveIntegration(new Integration(
                "dev", "leaky", URI.create(server.provider.baseUrl() + "/api"), AuthScheme.API_KEY_QUERY, "api_key"));
        connections.create(new Connection("dev", "leaky", "l1", Map.of("api_key", secret), Map.of()));
        server.provider.stubFor(get(urlEqualTo("/api/items?api_key=" + encoded))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Link", "<https://x/items?page=2&api_key=" + encoded + ">; rel=\"next\"")
                        .withHeader("Content-Location", "/api/items?api_key=" + secret.toLowerCase(Locale.ROOT))
                        .withHeader("Content-Location", "/api/items?api_key=" + encoded.toLowerCase(Locale.ROOT))
                        .withHeader("Refresh", "0; url=/api/items?api_key=" + encoded)
                        .withHeader("X-Debug-Key", secret)
                        .withHeader("X-Echo", "k3y%2fs3cr3t%2bvalue")
                        .withBody("[]")));

        var answer = raw("GET", "/proxy/items", null, "Provider-Config-Key: leaky", "Connection-Id: l1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.head().toLowerCase(Locale.ROOT))
                .doesNotContain(secret.toLowerCase(Locale.ROOT))
                .doesNotContain(encoded.toLowerCase(Locale.ROOT))
                .doesNotContain("s3cr3t");
        assertThat(answer.header("Link")).isEqualTo("<https://x/items?page=2&api_key=[redacted]>; rel=\"next\"");
        assertThat(answer.header("X-Debug-Key")).isEqualTo("[redacted]");
        assertThat(answer.header("Refresh")).isEqualTo("0; url=/api/items?api_key=[redacted]");
        server.provider.verify(1, getRequestedFor(urlEqualTo("/api/items?api_key=" + encoded)));
    }

    @Test
    void a_bearer_token_echoed_in_a_header_is_scrubbed() throws Exception {
        server.provider.stubFor(get(urlEqualTo("/api/whoami"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("X-Seen-Authorization", "Bearer " + TestServer.FAKE_TOKEN)
                        .withHeader("Content-Location", "/api/whoami?token=" + TestServer.FAKE_TOKEN)));

        var answer = raw("GET", "/proxy/whoami", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.head()).doesNotContain(TestServer.FAKE_TOKEN);
        assertThat(answer.header("X-Seen-Authorization")).isEqualTo("[redacted]");
        assertThat(answer.header("Content-Location")).isEqualTo("/api/whoami?token=[redacted]");
    }

    @Test
    void path_parameters_encoded_dots_and_backslashes_are_refused() throws Exception {
        var semicolons = raw("GET", "/proxy/a/..;/..;/x", null);
        var parameter = raw("GET", "/proxy/things;jsessionid=1/x", null);
        var encodedDot = raw("GET", "/proxy/things/a%2ejson", null);
        var backslash = raw("GET", "/proxy/things\\..\\admin", null);

        assertThat(semicolons.status()).isEqualTo(400);
        assertThat(semicolons.errorMessage())
                .isEqualTo("refused provider path '/a/..;/..;/x': it has a path parameter (;), which servers may "
                        + "strip, turning '..;' into '..'");
        assertThat(parameter.status()).isEqualTo(400);
        assertThat(parameter.json().at("/error/code").asString()).isEqualTo("forbidden_provider_target");
        assertThat(encodedDot.status()).isEqualTo(400);
        assertThat(encodedDot.errorMessage())
                .isEqualTo("refused provider path '/things/a%2ejson': it has a percent-encoded dot (%2e)");
        assertThat(backslash.status()).isEqualTo(400);
        assertThat(backslash.errorMessage()).endsWith("it has an encoded slash or a backslash");
        assertNothingLeft();
    }

    @Test
    void a_proxy_call_to_an_address_not_allow_listed_is_refused_before_it_connects() throws Exception {
        var connections = server.server.connections();
        connections.saveIntegration(new Integration(
                "dev", "sneaky", URI.create("http://127.0.0.1:" + evil.port() + "/api"), AuthScheme.NONE, null));
        connections.create(new Connection("dev", "sneaky", "s1", Map.of(), Map.of()));

        var answer = raw("GET", "/proxy/steal", null, "Provider-Config-Key: sneaky", "Connection-Id: s1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asString()).isEqualTo("egress_refused");
        assertThat(answer.errorMessage())
                .isEqualTo("refused request to 'http://127.0.0.1:" + evil.port()
                        + "/': 127.0.0.1 is a loopback address (127.0.0.0/8); "
                        + "to allow it, start the server with --egress-allow 127.0.0.1:" + evil.port()
                        + " or add it to ACTIONPORT_EGRESS_ALLOW");
        assertNothingLeft();
    }

    private static void assertNothingLeft() {
        assertThat(server.provider.getAllServeEvents()).isEmpty();
        assertThat(evil.getAllServeEvents()).isEmpty();
    }
}
