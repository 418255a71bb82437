package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting an environment deletes everything in it: besides its executions, the requests its
 * tasks asked their clients and its open connect links, which name it without a foreign key.
 * Another environment's rows stay.
 */
class EnvironmentDeletionTest {

    @TempDir
    Path dataDir;

    @Test
    void deleting_an_environment_leaves_no_task_request_or_connect_link_of_it() {
        try (var database = Database.openEmbedded(dataDir)) {
            var environments = new EnvironmentStore(database, Clock.systemUTC());
            var executions = new ExecutionStore(database);
            var tasks = new TaskRequestStore(database, Clock.systemUTC());
            var links = new ConnectSessionStore(database, SecretCipher.withKey(new byte[32]));
            for (var environment : List.of("shop", "other")) {
                environments.create(environment);
                var id = environment + "-execution";
                executions.insertFinished(TestRecords.succeeded(id, environment, null), List.of(), true);
                tasks.runsAsTask(id, "{}");
                tasks.ask(id, "elicit-1", "elicitation/create", "{}");
                links.create(
                        environment + "-link",
                        new ConnectSessionStore.ConnectSession(
                                environment, "github", "user-1", TestRecords.AT.plusSeconds(600)),
                        TestRecords.AT);
            }

            environments.delete("shop");

            assertThat(tasks.clientOf("shop-execution")).isEmpty();
            assertThat(tasks.requests("shop-execution")).isEmpty();
            assertThat(links.findOpen("shop-link")).isEmpty();
            assertThat(tasks.clientOf("other-execution")).contains("{}");
            assertThat(tasks.requests("other-execution")).hasSize(1);
            assertThat(links.findOpen("other-link")).isPresent();
        }
    }
}
