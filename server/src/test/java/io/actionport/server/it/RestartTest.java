package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.registry.DeployedAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void a_restart_keeps_keys_deployments_connections_and_executions_and_does_not_seed_again() {
        String executionId;
        try (var first = Actionport.start(ServerConfig.defaults(dataDir).withDevKey("restart-key"))) {
            assertThat(first.seededDemo()).isTrue();
            var issue = first.jobs("dev", "demo", "demo").call("create-issue", Map.of("title", "survives"));
            assertThat(issue.get("id").asLong()).isEqualTo(1);
            executionId = first.executions().recent("dev", 1).getFirst().id();
        }

        try (var second = Actionport.start(ServerConfig.defaults(dataDir).withDevKey("ignored-on-restart"))) {
            assertThat(second.seededDemo()).isFalse();
            assertThat(second.keys().list("dev"))
                    .extracting(key -> key.role() + " " + key.name())
                    .contains(
                            "caller dev caller key (first start)",
                            "admin dev admin key (first start)",
                            "caller from ACTIONPORT_DEV_KEY");
            assertThat(second.registry().actions("dev"))
                    .extracting(DeployedAction::name)
                    .containsExactlyInAnyOrder("echo", "create-issue", "list-issues", "bulk-import");
            assertThat(second.executions().find("dev", executionId))
                    .hasValueSatisfying(record -> assertThat(record.output()).contains("\"id\":1"));
            assertThat(second.jobs("dev", "demo", null)
                            .call("echo", Map.of("message", "back"))
                            .get("message")
                            .asString())
                    .isEqualTo("back");
        }
        assertThat(Files.exists(dataDir.resolve("master.key"))).isTrue();
    }

    @Test
    void a_revoked_dev_key_stays_revoked_when_the_configuration_still_names_it() {
        try (var first = Actionport.start(
                ServerConfig.defaults(dataDir).withDevKey("leaked-key").withDevAdminKey("admin-key"))) {
            var leaked = first.keys().list("dev").stream()
                    .filter(key -> key.role().equals("caller"))
                    .findFirst()
                    .orElseThrow();
            first.keys().revoke("dev", leaked.id());
        }

        try (var second = Actionport.start(
                ServerConfig.defaults(dataDir).withDevKey("leaked-key").withDevAdminKey("admin-key"))) {
            assertThat(second.firstStartKeys()).isEmpty();
            assertThat(second.keys().list("dev"))
                    .extracting(key -> key.role() + " " + (key.revokedAt() == null ? "active" : "revoked"))
                    .containsExactlyInAnyOrder("caller revoked", "admin active");
        }
    }
}
