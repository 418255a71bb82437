package io.actionport.server.it;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.oauth.OAuthConfig;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose {@code /mcp} takes the access tokens of a real OAuth server on loopback
 * (mock-oauth2-server, issuer {@code default}), both started for each test.
 */
abstract class OAuthServerFixture {

    @TempDir
    Path dataDir;

    MockOAuth2Server issuer;
    Actionport server;

    /** The OAuth server to start; a test class may want another configuration, such as a sign-in page. */
    MockOAuth2Server newIssuer() {
        return new MockOAuth2Server();
    }

    @BeforeEach
    void startIssuerAndServer() {
        issuer = newIssuer();
        issuer.start(InetAddress.getLoopbackAddress(), 0);
        server = Actionport.start(ServerConfig.defaults(dataDir)
                .withDevKey(TestServer.DEV_KEY)
                .withDevAdminKey(TestServer.DEV_ADMIN_KEY)
                .withMasterKey(TestServer.MASTER_KEY)
                .withDevWebhook(null, null)
                .withOAuth(OAuthConfig.issuer(issuerUrl())));
    }

    @AfterEach
    void stopIssuerAndServer() {
        if (server != null) {
            server.close();
        }
        if (issuer != null) {
            issuer.shutdown();
        }
    }

    URI issuerUrl() {
        return issuer.issuerUrl("default").uri();
    }

    /** This server's {@code /mcp}: the audience its tokens must name. */
    String resource() {
        return server.baseUrl().toString().replaceAll("/+$", "") + "/mcp";
    }

    /** A signed token of the issuer with these claims. */
    String token(Map<String, Object> claims, Duration lifetime) {
        return issuer.anyToken(issuer.issuerUrl("default"), claims, lifetime).serialize();
    }
}
