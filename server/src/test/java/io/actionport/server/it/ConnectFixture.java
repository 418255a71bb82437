package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.Actionport;
import io.actionport.server.cli.ActionportCli;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.oauth.OAuthConfig;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.Json;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server with an {@code oauth2} integration {@code crm} that takes connect links, a fake provider
 * (authorization server, API, revocation, webhook receiver), an OAuth issuer for {@code /mcp}, a
 * clock tests move, and the calls the connect tests make: a cookie-less browser that follows
 * redirects, backend triggers with an end user, MCP calls with a token, and the CLI.
 */
abstract class ConnectFixture {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    static final Pattern LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/connect/[A-Za-z0-9_-]+");

    /** The system clock, moved forward when a test says so. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    @TempDir
    Path dataDir;

    final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    final HttpClient noRedirects = HttpClient.newHttpClient();
    final MovableClock clock = new MovableClock();
    FakeOAuthProvider provider;
    MockOAuth2Server issuer;
    Actionport server;

    @BeforeEach
    void start() throws Exception {
        provider = new FakeOAuthProvider();
        issuer = new MockOAuth2Server();
        issuer.start(InetAddress.getLoopbackAddress(), 0);
        server = Actionport.start(configure(ServerConfig.defaults(dataDir)
                .withDatabaseUrl(databaseUrl())
                .withDevKey(TestServer.DEV_KEY)
                .withDevAdminKey(TestServer.DEV_ADMIN_KEY)
                .withMasterKey(TestServer.MASTER_KEY)
                .withEgressAllow(List.of("127.0.0.1:" + provider.port()))
                .withDevWebhook(provider.url("/webhook").toString(), SECRET)
                .withOAuth(OAuthConfig.issuer(issuer.issuerUrl("default").uri()))
                .withClock(clock)));
        server.registry().deploy("dev", Bundle.of("crm", new CrmWhoAmI()), List.of());
        var saved = admin("PUT", "/integrations/crm", """
                {"base_url": "%s", "auth_scheme": "oauth2", "token_url": "%s", "client_id": "%s",
                 "client_secret": "%s", "authorization_url": "%s", "scopes": "profile email",
                 "revocation_url": "%s"}""".formatted(
                        provider.url("/api"),
                        provider.url("/token"),
                        FakeOAuthProvider.CLIENT_ID,
                        FakeOAuthProvider.CLIENT_SECRET,
                        provider.url("/authorize"),
                        provider.url("/revoke")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    /** What a test class changes in the server's configuration. */
    ServerConfig configure(ServerConfig config) {
        return config;
    }

    /** The store: embedded H2 here, PostgreSQL in {@link ConnectFlowOnPostgresTest}. */
    String databaseUrl() {
        return null;
    }

    @AfterEach
    void stop() {
        server.close();
        issuer.shutdown();
        provider.close();
    }

    record Run(int code, String out, String err) {}

    Run cli(String... args) {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var commandLine = ActionportCli.commandLine();
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        var all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.baseUrl().toString(), "--key", TestServer.DEV_ADMIN_KEY));
        var previousOut = System.out;
        var previousErr = System.err;
        var capturedOut = new java.io.ByteArrayOutputStream();
        var capturedErr = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(capturedOut, true));
        System.setErr(new java.io.PrintStream(capturedErr, true));
        try {
            int code = commandLine.execute(all.toArray(String[]::new));
            return new Run(code, capturedOut + out.toString(), capturedErr + err.toString());
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    URI link(String endUser) throws Exception {
        var created =
                admin("POST", "/connect/sessions", "{\"integration\":\"crm\",\"end_user_id\":\"" + endUser + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var body = Json.MAPPER.readTree(created.body());
        assertThat(body.get("end_user_id").asString()).isEqualTo(endUser);
        return URI.create(body.get("url").asString());
    }

    /** Follows the link to the provider and back, stopping before the callback is opened. */
    URI callbackFor(URI link) throws Exception {
        var toProvider = noRedirects.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toProvider.statusCode()).isEqualTo(302);
        var toCallback = noRedirects.send(
                HttpRequest.newBuilder(URI.create(
                                toProvider.headers().firstValue("Location").orElseThrow()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(toCallback.statusCode()).isEqualTo(302);
        return URI.create(toCallback.headers().firstValue("Location").orElseThrow());
    }

    HttpResponse<String> open(URI link) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(link).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(URI uri, String accept) throws Exception {
        return noRedirects.send(
                HttpRequest.newBuilder(uri).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> trigger(String endUser, String connectionId) throws Exception {
        var request = HttpRequest.newBuilder(server.baseUrl().resolve("/action/trigger"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", "crm")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action_name\":\"who-am-i\",\"input\":{}}"));
        if (endUser != null) {
            request.header("End-User-Id", endUser);
        }
        if (connectionId != null) {
            request.header("Connection-Id", connectionId);
        }
        return send(request);
    }

    StatelessCall.Answer whoAmIOverMcp(String token, String endUser) {
        return StatelessCall.of(server.baseUrl(), "tools/call", "{\"name\":\"who-am-i\",\"arguments\":{}}", false)
                .header("Authorization", "Bearer " + token)
                .header("Provider-Config-Key", "crm")
                .header("Connection-Id", null)
                .header("End-User-Id", endUser)
                .send();
    }

    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(server.baseUrl().resolve(path))
                .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return noRedirects.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String resource() {
        return server.baseUrl().toString().replaceAll("/+$", "") + "/mcp";
    }

    static String errorCode(HttpResponse<String> response) {
        JsonNode body = Json.MAPPER.readTree(response.body());
        return body.at("/error/code").asString();
    }
}
