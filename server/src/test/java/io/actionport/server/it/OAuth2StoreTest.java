package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import io.actionport.server.store.OAuth2Client;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The V3 migration and the OAuth2 columns, on both stores. */
class OAuth2StoreTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(TestServer.Store.class)
    void oauth2_integrations_and_long_rotated_tokens_round_trip_through_the_store(TestServer.Store store) {
        try (var server = Actionport.start(ServerConfig.defaults(dataDir)
                .withDevKey("store-dev-key")
                .withMasterKey(TestServer.MASTER_KEY)
                .withDatabaseUrl(store.newDatabaseUrl("oauth2_store"))
                .withDevWebhook(null, null))) {
            var connections = server.connections();
            var client = new OAuth2Client(URI.create("https://auth.example/token"), "client-1", "client-secret");
            connections.saveIntegration(new Integration(
                    "dev", "crm", URI.create("https://api.example/v1"), AuthScheme.OAUTH2, null, client));
            connections.create(new Connection("dev", "crm", "alice", Map.of("access_token", "a"), Map.of()));
            // A JWT-sized pair of tokens, well over the column's old 8 KB once encrypted.
            var longToken = "x".repeat(6_000);

            boolean updated = connections.updateCredentials(
                    "dev", "crm", "alice", Map.of("access_token", longToken, "refresh_token", longToken));

            assertThat(updated).isTrue();
            assertThat(connections.findIntegration("dev", "crm").orElseThrow().oauth2())
                    .isEqualTo(client);
            assertThat(connections.find("dev", "crm", "alice").orElseThrow().credentials())
                    .containsEntry("access_token", longToken)
                    .containsEntry("refresh_token", longToken);
            assertThat(connections.updateCredentials("dev", "crm", "nobody", Map.of("access_token", "a")))
                    .isFalse();
        }
    }
}
