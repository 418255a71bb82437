package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.cli.ActionportCli;
import io.actionport.server.store.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code actionport audit} against a real server. */
class AuditCommandTest {

    @TempDir
    static Path dataDir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static CliRun cli(String key, String... args) {
        return CliRun.against(server.baseUrl(), key, args);
    }

    @Test
    void audit_help_names_its_filters_and_output() {
        var out = new StringWriter();
        var commandLine = ActionportCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        assertThat(commandLine.execute("audit", "--help")).isZero();
        assertThat(out.toString()).contains("--since", "--actor", "--action", "--limit", "-e, --environment", "-o");
    }

    @Test
    void audit_lists_admin_operations_newest_first_and_filters_them_as_json() {
        var created = cli(TestServer.DEV_ADMIN_KEY, "keys", "create", "--name", "audited");
        assertThat(created.code()).as(created.err()).isZero();
        var keyId = Json.MAPPER
                .readTree(cli(TestServer.DEV_ADMIN_KEY, "keys", "list", "-o", "json")
                        .out())
                .get("keys")
                .valueStream()
                .filter(key -> "audited".equals(key.get("name").asString()))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
        var revoked = cli(TestServer.DEV_ADMIN_KEY, "keys", "revoke", keyId);
        assertThat(revoked.code()).as(revoked.err()).isZero();

        var table = cli(TestServer.DEV_ADMIN_KEY, "audit", "--since", "1h");
        var json = cli(TestServer.DEV_ADMIN_KEY, "audit", "--action", "key.revoke", "-o", "json");

        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out().lines().toList().getFirst())
                .contains("key.revoke")
                .contains(keyId);
        assertThat(table.out()).contains("key.create");
        var entries = Json.MAPPER.readTree(json.out()).get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("target").asString()).isEqualTo(keyId);
    }

    @Test
    void audit_with_a_caller_key_is_refused() {
        var refused = cli(TestServer.DEV_KEY, "audit");

        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("admin_key_required").contains("reading the audit log");
    }
}
