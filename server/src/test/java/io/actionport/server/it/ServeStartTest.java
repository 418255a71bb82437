package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.cli.ActionportCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code actionport serve} prints when it starts, and where it takes its port, address and
 * database from: a flag, else its environment variable, else the default.
 */
class ServeStartTest {

    @TempDir
    Path dataDir;

    /** Starts {@code serve} with these variables and flags, returns what it printed once it serves, then stops it. */
    private String startAndStop(Map<String, String> environment, String... args) throws Exception {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                ServerProcess.classPathWithoutTests(),
                ActionportCli.class.getName(),
                "serve",
                "--data-dir",
                dataDir.toString()));
        command.addAll(List.of(args));
        var log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ACTIONPORT_"));
        builder.environment().put("ACTIONPORT_MASTER_KEY", TestServer.MASTER_KEY);
        builder.environment().putAll(environment);
        var process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .failFast("actionport serve exited", () -> !process.isAlive())
                    .until(() -> Files.readString(log).contains("try:")
                            || Files.readString(log).contains("keys:"));
            return Files.readString(log);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void port_and_bind_come_from_the_environment_and_a_wildcard_bind_prints_a_usable_url() throws Exception {
        int port = ServerProcess.freePort();

        var printed = startAndStop(Map.of("ACTIONPORT_PORT", String.valueOf(port), "ACTIONPORT_BIND", "0.0.0.0"));

        assertThat(printed)
                .contains("serving on http://127.0.0.1:" + port + "\n")
                .contains("MCP (Streamable HTTP): http://127.0.0.1:" + port + "/mcp")
                .contains("listening on every interface (--bind 0.0.0.0)")
                .doesNotContain("0:0:0:0:0:0:0:0");
    }

    @Test
    void an_ipv6_bind_prints_a_bracketed_url() throws Exception {
        int port = ServerProcess.freePort();

        var printed = startAndStop(Map.of(), "--bind", "::1", "--port", String.valueOf(port));

        assertThat(printed).contains("serving on http://[::1]:" + port + "\n").doesNotContain("0:0:0:0:0:0:0:1");
    }

    @Test
    void the_start_is_logged_with_its_url_store_and_node() throws Exception {
        int port = ServerProcess.freePort();

        var printed = startAndStop(Map.of(), "--port", String.valueOf(port), "--node-name", "node-a");

        assertThat(printed)
                .containsPattern(" INFO .* - serving on http://127\\.0\\.0\\.1:" + port
                        + " \\(store: embedded, in .+, node: node-a\\)");
    }

    @Test
    void an_unknown_log_format_is_refused_with_the_choices() throws Exception {
        var process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        ServerProcess.classPathWithoutTests(),
                        ActionportCli.class.getName(),
                        "serve",
                        "--data-dir",
                        dataDir.toString(),
                        "--log-format",
                        "xml")
                .redirectErrorStream(true)
                .start();
        var printed = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).isNotZero();
        assertThat(printed).contains("--log-format").contains("plain or json").contains("'xml'");
    }

    @Test
    void a_flag_beats_its_environment_variable() throws Exception {
        int fromEnvironment = ServerProcess.freePort();
        int fromFlag = ServerProcess.freePort();

        var printed = startAndStop(
                Map.of("ACTIONPORT_PORT", String.valueOf(fromEnvironment)), "--port", String.valueOf(fromFlag));

        assertThat(printed).contains("serving on http://127.0.0.1:" + fromFlag + "\n");
    }

    @Test
    void the_database_comes_from_actionport_db_url() throws Exception {
        var database =
                dataDir.resolveSibling(dataDir.getFileName() + "-elsewhere").resolve("store");
        var url = "jdbc:h2:file:" + database;

        startAndStop(Map.of("ACTIONPORT_PORT", String.valueOf(ServerProcess.freePort()), "ACTIONPORT_DB_URL", url));

        assertThat(database.resolveSibling("store.mv.db")).exists();
    }

    @Test
    void a_start_prints_no_scheduler_warning_and_dates_its_log_lines() throws Exception {
        var printed = startAndStop(Map.of("ACTIONPORT_PORT", String.valueOf(ServerProcess.freePort())));

        assertThat(printed).doesNotContainPattern(" WARN +[a-z]").doesNotContain("jdbc-overrides");
        assertThat(printed)
                .containsPattern("(?m)^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO ");
    }
}
