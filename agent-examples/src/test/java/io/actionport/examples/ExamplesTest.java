package io.actionport.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.runner.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP client and the in-process job against a server in demo mode. */
class ExamplesTest {

    @TempDir
    static Path dataDir;

    static Actionport server;

    @BeforeAll
    static void start() {
        server = Actionport.start(ServerConfig.defaults(dataDir).withDevKey("examples-key"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_mcp_client_example_lists_tools_and_files_an_issue() {
        var out = new ByteArrayOutputStream();
        try (var example = McpClientExample.connect(server.baseUrl().toString(), "examples-key")) {
            example.listAndCall(new PrintStream(out, true, StandardCharsets.UTF_8));
        }

        var printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("tool echo:", "tool create-issue:", "tool bulk-import:");
        assertThat(printed).contains("created {id=").contains("Checkout fails on Safari");
    }

    @Test
    void the_mcp_client_follows_an_async_tools_resource_link_until_the_result_is_in() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var example = McpClientExample.connect(server.baseUrl().toString(), "examples-key")) {
            var execution = example.importInBackground(
                    "mcp-example", List.of("one", "two", "three"), new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(execution.path("status").asString()).isEqualTo("succeeded");
            assertThat(execution
                            .at("/output/issues")
                            .valueStream()
                            .map(issue -> issue.path("title").asString()))
                    .containsExactly("one", "two", "three");
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("started actionport://executions/")
                .contains("finished succeeded: {\"batch_id\":\"mcp-example\"");
    }

    @Test
    void the_in_process_job_files_issues_through_the_runner_and_they_are_recorded() {
        var issues = InProcessJobExample.fileIssues(server, List.of("one", "two"));

        assertThat(issues).hasSize(2);
        assertThat(issues.get(1).id()).isGreaterThan(issues.get(0).id());
        var recent = server.executions().recent("dev", 10);
        assertThat(recent).anySatisfy(record -> {
            assertThat(record.caller()).isEqualTo("job");
            assertThat(record.actionName()).isEqualTo("create-issue");
        });
    }

    @Test
    void an_in_process_call_gets_the_same_validation_as_the_doors() {
        var jobs = server.jobs("dev", "demo", "demo");

        assertThatThrownBy(() -> jobs.call("create-issue", Map.of("body", "no title")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/title: required property 'title' not found");
        assertThatThrownBy(() -> jobs.call("no-such-action", Map.of()))
                .hasMessageContaining("no action 'no-such-action'");
    }
}
