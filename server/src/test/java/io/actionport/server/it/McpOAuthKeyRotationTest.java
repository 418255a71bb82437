package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.oauth.OAuthConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issuer's signing keys change while the server runs. */
class McpOAuthKeyRotationTest {

    @TempDir
    Path dataDir;

    @Test
    void after_the_issuer_rotates_its_key_tokens_of_the_new_key_are_accepted_and_of_the_old_refused() throws Exception {
        try (var issuer = new RotatingIssuer();
                var server = Actionport.start(ServerConfig.defaults(dataDir)
                        .withDevKey(TestServer.DEV_KEY)
                        .withDevAdminKey(TestServer.DEV_ADMIN_KEY)
                        .withMasterKey(TestServer.MASTER_KEY)
                        .withDevWebhook(null, null)
                        .withOAuth(OAuthConfig.issuer(issuer.url())))) {
            var resource = server.baseUrl().toString().replaceAll("/+$", "") + "/mcp";
            var first = issuer.rotate();
            var before = issuer.token(first, "alice", resource);
            assertThat(listTools(server, before).status()).isEqualTo(200);

            var second = issuer.rotate();
            var after = issuer.token(second, "alice", resource);

            assertThat(listTools(server, after).status()).isEqualTo(200);
            assertThat(listTools(server, issuer.token(first, "alice", resource)).status())
                    .isEqualTo(401);
        }
    }

    private static StatelessCall.Answer listTools(Actionport server, String token) {
        return StatelessCall.of(server.baseUrl(), "tools/list", "{}", false)
                .header("Authorization", "Bearer " + token)
                .send();
    }
}
