package io.actionport.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.StoreException;
import io.modelcontextprotocol.spec.McpSchema;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ToolResultsTest {

    @Test
    void a_database_failure_in_a_tool_call_is_an_error_result_without_sql() {
        var failure = new StoreException(
                "SELECT * FROM connections WHERE connection_id = ?", new SQLException("org.h2.jdbc.JdbcSQLException"));

        var result = ToolResults.ofFailure("echo", failure).block();

        var text = ((McpSchema.TextContent) result.content().getFirst()).text();
        assertThat(result.isError()).isTrue();
        assertThat(text).startsWith("store_error: the server's database failed (error id E-");
        assertThat(text).doesNotContain("SELECT").doesNotContain("h2").doesNotContain("SQL");
    }
}
