package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code actionport environments} and {@code actionport keys} against a real server. */
class KeyCommandsTest {

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

    /** The secrets a command printed, in order. */
    static List<String> secrets(String out, String environment) {
        var matcher = Pattern.compile("^  (ap_" + environment + "_\\S+)$", Pattern.MULTILINE)
                .matcher(out);
        var found = new ArrayList<String>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    void environments_are_created_listed_and_deleted_from_the_command_line() {
        var created = cli(TestServer.DEV_ADMIN_KEY, "environments", "create", "qa");
        var listed = cli(TestServer.DEV_ADMIN_KEY, "environments", "list");
        var byCaller = cli(TestServer.DEV_KEY, "environments", "create", "nope");

        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out())
                .contains("created environment qa")
                .contains("admin key")
                .contains("caller key")
                .contains("Store this secret now");
        var keys = secrets(created.out(), "qa");
        assertThat(keys).hasSize(2);
        assertThat(cli(keys.getFirst(), "keys", "list").code()).isZero();
        assertThat(listed.out()).contains("qa").contains("by dev").contains("dev ");
        assertThat(byCaller.code()).isEqualTo(4);
        assertThat(byCaller.err()).startsWith("error: admin_key_required: ");

        var deleted = cli(TestServer.DEV_ADMIN_KEY, "environments", "delete", "qa");

        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(server.server.environments().exists("qa")).isFalse();
    }

    @Test
    void keys_are_created_listed_rotated_and_revoked_from_the_command_line() {
        var created = cli(
                TestServer.DEV_ADMIN_KEY,
                "keys",
                "create",
                "--role",
                "caller",
                "--name",
                "ci bot",
                "--integration",
                "demo");
        assertThat(created.code()).as(created.err()).isZero();
        var secret = secrets(created.out(), "dev").getFirst();
        var id = Pattern.compile("caller key (key_\\w+)")
                .matcher(created.out())
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);

        var listed = cli(TestServer.DEV_ADMIN_KEY, "keys", "list");
        var rotated = cli(TestServer.DEV_ADMIN_KEY, "keys", "rotate", id, "--overlap", "0");

        assertThat(listed.out())
                .contains(id)
                .contains("ci bot")
                .contains("[\"demo\"]")
                .doesNotContain(secret);
        assertThat(rotated.code()).as(rotated.err()).isZero();
        var fresh = secrets(rotated.out(), "dev").getFirst();
        assertThat(fresh).isNotEqualTo(secret);
        var freshId = Pattern.compile("caller key (key_\\w+)")
                .matcher(rotated.out())
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);

        var revoked = cli(TestServer.DEV_ADMIN_KEY, "keys", "revoke", freshId);

        assertThat(revoked.code()).as(revoked.err()).isZero();
        await().atMost(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> assertThat(cli(fresh, "actions", "list").err()).contains("revoked_key"));
        assertThat(cli(TestServer.DEV_ADMIN_KEY, "keys", "list").out())
                .containsPattern(id + " .* expired")
                .containsPattern(freshId + " .* revoked");
    }

    @Test
    void the_last_admin_key_cannot_be_revoked_from_the_command_line() {
        var created = cli(TestServer.DEV_ADMIN_KEY, "environments", "create", "solo");
        var admin = secrets(created.out(), "solo").getFirst();
        var id = Pattern.compile("admin key (key_\\w+)")
                .matcher(created.out())
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);

        var refused = cli(admin, "keys", "revoke", id);

        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err())
                .startsWith("error: last_admin_key: ")
                .contains("last admin key of environment 'solo'");
    }
}
