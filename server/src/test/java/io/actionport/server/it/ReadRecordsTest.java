package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synchronous call's record is on disk before the answer when the answer tells the execution's
 * id: every call but a read over MCP that succeeded, which is answered with its output alone. Its
 * record is stored all the same, and reaches the disk with the next flush.
 */
class ReadRecordsTest {

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

    @Test
    void a_read_over_mcp_is_recorded_without_waiting_for_a_flush_and_a_write_or_an_http_call_waits_for_one()
            throws Exception {
        var client = McpClients.http(server.baseUrl(), TestServer.DEV_KEY, "demo", tools -> {});
        try {
            client.listTools();
            long before = flushes();
            for (int i = 0; i < 5; i++) {
                var echo = client.callTool(new CallToolRequest("echo", Map.of("message", "read " + i)));
                assertThat(echo.isError()).isFalse();
            }
            assertThat(flushes()).as("flushes for 5 reads over MCP").isEqualTo(before);
            assertThat(server.server.executions().recent("dev", 20))
                    .filteredOn(record -> record.input().contains("read "))
                    .hasSize(5)
                    .extracting(ExecutionRecord::status, ExecutionRecord::caller)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(ExecutionStatus.SUCCEEDED, "mcp"));

            var created = client.callTool(new CallToolRequest("create-issue", Map.of("title", "a write")));
            assertThat(created.isError()).isFalse();
            long afterWrite = flushes();
            assertThat(afterWrite).as("flushes after a write over MCP").isGreaterThan(before);

            echoOverHttp();
            assertThat(flushes())
                    .as("flushes after a read over HTTP, answered with its id")
                    .isGreaterThan(afterWrite);
        } finally {
            client.closeGracefully();
        }
    }

    private static long flushes() {
        return server.server.executions().flushes();
    }

    private static void echoOverHttp() throws Exception {
        var answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                                .header("Provider-Config-Key", "demo")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"action_name\":\"echo\",\"input\":{\"message\":\"over http\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Execution-Id")).isPresent();
    }
}
