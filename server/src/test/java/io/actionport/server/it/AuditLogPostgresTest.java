package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log on PostgreSQL: the same migration, entries and order as on the embedded store. */
class AuditLogPostgresTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void executions_and_operations_are_listed_newest_first_on_postgres() throws Exception {
        try (var server = new TestServer(dataDir, TestServer.Store.POSTGRES)) {
            var created = AuditLogTest.send(
                    server.baseUrl(), TestServer.DEV_ADMIN_KEY, "POST", "/keys", "{\"role\":\"caller\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            var keyId = Json.MAPPER.readTree(created.body()).get("id").asString();
            var trigger = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                            .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                            .header("Provider-Config-Key", "demo")
                            .header("Connection-Id", "demo")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"action_name\":\"echo\",\"input\":{\"message\":\"pg\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(200);
            assertThat(AuditLogTest.send(server.baseUrl(), TestServer.DEV_ADMIN_KEY, "DELETE", "/keys/" + keyId, null)
                            .statusCode())
                    .isEqualTo(200);

            var answer = AuditLogTest.send(
                    server.baseUrl(), TestServer.DEV_ADMIN_KEY, "GET", "/environments/dev/audit?since=1h", null);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            var actions = new ArrayList<String>();
            Json.MAPPER
                    .readTree(answer.body())
                    .get("entries")
                    .forEach(entry -> actions.add(entry.get("action").asString()));
            assertThat(actions).containsExactly("key.revoke", "demo/echo", "key.create");
        }
    }
}
