package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ready means the node can serve; when its store is gone it says so instead of answering 200. */
class ReadinessTest {

    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_healthy_server_is_live_and_ready_with_every_check_passed() throws Exception {
        try (var server = new TestServer(dataDir)) {
            var live = get(server, "/health/live");
            var ready = get(server, "/health/ready");
            var alias = get(server, "/health");

            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(alias.statusCode()).isEqualTo(200);
            var checks = Json.MAPPER.readTree(ready.body()).path("checks");
            assertThat(checks.path("store").path("ok").asBoolean()).isTrue();
            assertThat(checks.path("queue").path("ok").asBoolean()).isTrue();
            assertThat(checks.path("process").path("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void readiness_turns_503_naming_the_store_when_the_database_is_shut_down() throws Exception {
        try (var server = new TestServer(dataDir)) {
            // The embedded database shared by this JVM: its owner's SHUTDOWN closes it under the
            // server, as an OutOfMemoryError inside H2 does.
            var credentials = new Properties();
            credentials.load(new StringReader(Files.readString(dataDir.resolve("store.credentials"))));
            try (var connection = DriverManager.getConnection(
                            "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("actionport")
                                    + ";DB_CLOSE_ON_EXIT=FALSE",
                            "ACTIONPORT_OWNER",
                            credentials.getProperty("owner.password"));
                    var statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }

            var ready = get(server, "/health/ready");
            var alias = get(server, "/health");
            var live = get(server, "/health/live");

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(alias.statusCode()).isEqualTo(503);
            assertThat(live.statusCode()).isEqualTo(200);
            var body = Json.MAPPER.readTree(ready.body());
            assertThat(body.path("status").asString()).isEqualTo("unavailable");
            assertThat(body.at("/checks/store/ok").asBoolean()).isFalse();
            assertThat(body.at("/checks/store/detail").asString())
                    .isEqualTo("the store failed SELECT 1 with a database error; see the server log");
            assertThat(ready.body()).doesNotContain("jdbc:").doesNotContain("SQL");
        }
    }

    private HttpResponse<String> get(TestServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
