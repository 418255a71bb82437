package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.Actionport;
import io.actionport.server.auth.KeyRole;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one PostgreSQL: a key revoked on one is refused by the other within a second. */
class KeyRevocationAcrossNodesTest {

    @TempDir
    Path dataDirs;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_key_revoked_on_one_node_is_refused_by_another_within_a_second() throws Exception {
        var databaseUrl = SharedPostgres.newDatabase("key_revocation");
        try (var a = node("a", databaseUrl, false);
                var b = node("b", databaseUrl, false)) {
            var issued = a.keys().create("dev", KeyRole.CALLER, "shared", List.of(), null);
            assertThat(get(b, "/actions", issued.secret()).statusCode()).isEqualTo(200);

            var revoked = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    a.baseUrl() + "/keys/" + issued.key().id()))
                            .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        var answer = get(b, "/actions", issued.secret());
                        assertThat(answer.statusCode()).isEqualTo(401);
                        assertThat(Json.MAPPER
                                        .readTree(answer.body())
                                        .at("/error/code")
                                        .asString())
                                .isEqualTo("revoked_key");
                    });
        }
    }

    @Test
    void metrics_need_an_admin_key_unless_the_operator_opens_them() throws Exception {
        try (var closed = node("closed", null, false);
                var open = node("open", null, true)) {
            assertThat(get(closed, "/metrics", TestServer.DEV_KEY).statusCode()).isEqualTo(403);
            assertThat(get(closed, "/metrics", TestServer.DEV_ADMIN_KEY).statusCode())
                    .isEqualTo(200);
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(open.baseUrl() + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    private HttpResponse<String> get(Actionport node, String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Actionport node(String name, String databaseUrl, boolean openMetrics) {
        return Actionport.start(ServerConfig.defaults(dataDirs.resolve(name))
                .withDevKey(TestServer.DEV_KEY)
                .withDevAdminKey(TestServer.DEV_ADMIN_KEY)
                .withMasterKey(TestServer.MASTER_KEY)
                .withDatabaseUrl(databaseUrl)
                .withDevWebhook(null, null)
                .withOpenMetrics(openMetrics)
                .withNodeName(name));
    }
}
