package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of executions, newest first, all of an environment's or one key's, comes from an index
 * read in order. Sorting the whole environment for each page took seconds past a million records.
 */
class NewestExecutionsTest {

    @TempDir
    Path dataDir;

    @Test
    void a_page_is_read_from_an_index_in_order_and_holds_the_newest() throws SQLException {
        try (var database = Database.openEmbedded(dataDir)) {
            new EnvironmentStore(database, java.time.Clock.systemUTC()).create("shop");
            var executions = new ExecutionStore(database);
            var ids = new ArrayList<String>();
            for (int n = 0; n < 30; n++) {
                // Time-ordered ids, as the runner makes them; every third one started by key_b.
                var id = String.format("019ae000-0000-7000-8000-%012d", n);
                ids.add(id);
                executions.insertFinished(
                        TestRecords.succeeded(id, "shop", n % 3 == 0 ? "key_b" : "key_a"), List.of(), false);
            }

            assertThat(executions.search("shop", ExecutionStore.Filter.ALL, 5))
                    .extracting(ExecutionRecord::id)
                    .containsExactlyElementsOf(ids.reversed().subList(0, 5));
            var byKey = new ExecutionStore.Filter(null, null, null, null, null, "key_b");
            assertThat(executions.search("shop", byKey, 3))
                    .extracting(ExecutionRecord::id)
                    .containsExactly(ids.get(27), ids.get(24), ids.get(21));

            assertThat(plan(
                            database,
                            "SELECT * FROM executions WHERE environment = 'shop'"
                                    + ExecutionStore.newestFirst(ExecutionStore.Filter.ALL) + " LIMIT 5"))
                    .contains("EXECUTIONS_NEWEST:")
                    .contains("index sorted");
            assertThat(plan(
                            database,
                            "SELECT * FROM executions WHERE environment = 'shop' AND key_id = 'key_b'"
                                    + ExecutionStore.newestFirst(byKey) + " LIMIT 5"))
                    .contains("EXECUTIONS_NEWEST:")
                    .contains("index sorted");
        }
    }

    private static String plan(Database database, String query) throws SQLException {
        try (var connection = database.dataSource().getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("EXPLAIN " + query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
