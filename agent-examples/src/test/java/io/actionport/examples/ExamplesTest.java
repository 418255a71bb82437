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
        try (var client = McpClientExample.connect(server.baseUrl().toString(), "examples-key")) {
            McpClientExample.run(client, new PrintStream(out, true, StandardCharsets.UTF_8));
        }

        var printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("tool echo:", "tool create-issue:", "tool bulk-import:");
        assertThat(printed).contains("created {id=").contains("Checkout fails on Safari");
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
