package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code actionport mcp} refuses flags that name nothing, before it speaks: a desktop client would
 * show an empty tool list and no reason.
 */
class McpStdioFlagsTest {

    @TempDir
    static Path dataDir;

    record Run(int code, String err) {}

    @BeforeAll
    static void makeAStore() {
        // A store with dev, the demo integration and its demo connection; nobody holds it afterwards.
        new TestServer(dataDir).close();
    }

    static Run mcp(String... flags) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "io.actionport.server.cli.ActionportCli",
                "mcp"));
        command.addAll(List.of(flags));
        var builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("ACTIONPORT_MASTER_KEY", TestServer.MASTER_KEY);
        var process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(
                process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void a_misspelt_data_directory_is_refused_and_not_created() throws Exception {
        var typo = dataDir.resolveSibling(dataDir.getFileName() + "-typo");

        var run = mcp("--data-dir", typo.toString());

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("error: unknown_data_dir: no Actionport store in " + typo, "actionport serve");
        assertThat(typo).doesNotExist();
    }

    @Test
    void an_unknown_integration_is_refused_naming_the_known_ones() throws Exception {
        var run = mcp("--data-dir", dataDir.toString(), "--integration", "demoo");

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("error: unknown_integration: integration 'demoo'", "known: ", "demo");
    }

    @Test
    void an_unknown_connection_or_environment_is_refused() throws Exception {
        var connection = mcp("--data-dir", dataDir.toString(), "--integration", "demo", "--connection", "nope");
        var environment = mcp("--data-dir", dataDir.toString(), "--env", "staging");

        assertThat(connection.code()).isEqualTo(3);
        assertThat(connection.err()).contains("error: unknown_connection: connection 'nope'", "known: demo");
        assertThat(environment.code()).isEqualTo(3);
        assertThat(environment.err()).contains("error: unknown_environment: environment 'staging'");
    }

    @Test
    void valid_flags_start_and_end_cleanly_when_the_client_closes_its_input() throws Exception {
        var run = mcp("--data-dir", dataDir.toString(), "--integration", "demo", "--connection", "demo");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.exists(dataDir.resolve("actionport.mv.db"))).isTrue();
    }
}
