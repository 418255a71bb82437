package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.actionport.server.cli.ActionportCli;
import io.actionport.server.store.Json;
import io.actionport.server.store.RunFile;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `actionport mcp` and `actionport serve` on one data directory, with no port for the store. */
class McpStdioSharingTest {

    @TempDir
    Path dataDir;

    @Test
    void stdio_runs_tools_through_a_serve_that_holds_the_store() throws Exception {
        try (var server = ServerProcess.start(dataDir, null)) {
            var client = stdio();
            try {
                var names = client.listTools().tools().stream()
                        .map(McpSchema.Tool::name)
                        .toList();
                var echo = client.callTool(new CallToolRequest("echo", Map.of("message", "through serve")));
                var created = client.callTool(new CallToolRequest("create-issue", Map.of("title", "From stdio")));

                assertThat(names).contains("echo", "create-issue");
                assertThat(echo.structuredContent()).isEqualTo(Map.of("message", "through serve"));
                assertThat(created.isError()).isFalse();
                assertThat(
                                ListeningSockets.available()
                                        ? ListeningSockets.of(server.pid())
                                        : java.util.Set.of(server.port()))
                        .containsExactly(server.port());
            } finally {
                client.closeGracefully();
            }
        }
    }

    @Test
    void the_local_token_of_the_run_file_opens_mcp_only() throws Exception {
        try (var server = ServerProcess.start(dataDir, null)) {
            var token = RunFile.live(dataDir).orElseThrow().token();
            var http = HttpClient.newHttpClient();

            var actions = http.send(
                    server.request("/actions")
                            .header("Authorization", "Bearer " + token)
                            .header("X-Actionport-Environment", "dev")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var initialize = http.send(
                    server.request("/mcp")
                            .header("Authorization", "Bearer " + token)
                            .header("X-Actionport-Environment", "dev")
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                                            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                            + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var wrongToken = http.send(
                    server.request("/mcp")
                            .header("Authorization", "Bearer " + token + "x")
                            .header("X-Actionport-Environment", "dev")
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(actions.statusCode()).as(actions.body()).isEqualTo(401);
            assertThat(initialize.statusCode()).as(initialize.body()).isEqualTo(200);
            assertThat(wrongToken.statusCode()).as(wrongToken.body()).isEqualTo(401);
        }
    }

    @Test
    void serve_refuses_a_data_directory_that_stdio_holds_and_names_it() throws Exception {
        madeByServe();
        var client = stdio();
        try {
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("echo");
            var err = new StringWriter();
            var cli = ActionportCli.commandLine();
            cli.setErr(new PrintWriter(err, true));

            int exit = assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> cli.execute("serve", "--port", "0", "--data-dir", dataDir.toString()));

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString())
                    .matches("error: store_unavailable: the data directory "
                            + java.util.regex.Pattern.quote(dataDir.toString())
                            + " is in use by `actionport mcp` \\(pid \\d+\\); stop it or use another --data-dir\\R");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void stdio_that_holds_the_store_answers_stateless_lines() throws Exception {
        madeByServe();
        var builder = new ProcessBuilder(stdioCommand()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ACTIONPORT_MASTER_KEY", TestServer.MASTER_KEY);
        builder.environment().put("ACTIONPORT_DEV_KEY", TestServer.DEV_KEY);
        var process = builder.start();
        try (var in = process.getOutputStream();
                var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            var meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + meta + "}}\n"
                            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                            + "\"arguments\":{\"message\":\"alone\"}," + meta + "}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            in.flush();
            var answers = new HashMap<Integer, JsonNode>();
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                while (answers.size() < 2) {
                    var answer = Json.MAPPER.readTree(out.readLine());
                    answers.put(answer.get("id").asInt(), answer);
                }
            });
            assertThat(answers.get(1).at("/result/tools").toString()).contains("\"echo\"");
            assertThat(answers.get(1).at("/result/ttlMs").isNumber()).isTrue();
            assertThat(answers.get(2).at("/result/structuredContent/message").asString())
                    .isEqualTo("alone");
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void requests_piped_in_are_all_answered_when_stdin_closes_right_after_them() throws Exception {
        madeByServe();

        var answers = pipedThrough(stdioCommand());

        assertAllAnswered(answers);
    }

    @Test
    void requests_piped_in_are_all_answered_through_a_serve_when_stdin_closes_right_after_them() throws Exception {
        try (var server = ServerProcess.start(dataDir, null)) {
            var answers = pipedThrough(stdioCommand());

            assertAllAnswered(answers);
        }
    }

    private static void assertAllAnswered(Map<String, JsonNode> answers) {
        assertThat(answers.keySet()).containsExactlyInAnyOrder("\"init\"", "7", "8");
        assertThat(answers.get("7").at("/result/structuredContent/message").asString())
                .isEqualTo("session era");
        assertThat(answers.get("8").at("/result/structuredContent/message").asString())
                .isEqualTo("stateless era");
    }

    /**
     * Writes a session's lines and a stateless call to a new {@code actionport mcp} and closes its
     * stdin at once, as {@code cat requests | actionport mcp} does; returns the answers by id, once
     * the process ended by itself (exit 0).
     */
    private Map<String, JsonNode> pipedThrough(java.util.List<String> command) throws Exception {
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ACTIONPORT_MASTER_KEY", TestServer.MASTER_KEY);
        builder.environment().put("ACTIONPORT_DEV_KEY", TestServer.DEV_KEY);
        var process = builder.start();
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            var meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
            try (var in = process.getOutputStream()) {
                in.write(("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{"
                                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                + "\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}}\n"
                                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                                + "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                                + "\"arguments\":{\"message\":\"session era\"}}}\n"
                                + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                                + "\"arguments\":{\"message\":\"stateless era\"}," + meta + "}}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            var answers = new HashMap<String, JsonNode>();
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                String line;
                while ((line = out.readLine()) != null) {
                    var message = Json.MAPPER.readTree(line);
                    if (message.has("id") && !message.has("method")) {
                        answers.put(message.get("id").toString(), message);
                    }
                }
            });
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            return answers;
        } finally {
            process.destroyForcibly();
        }
    }

    /** {@code actionport mcp} on this test's data directory, for the demo integration. */
    /** The store a first 'actionport serve' makes; stdio never makes one (a misspelt --data-dir must not). */
    private void madeByServe() {
        new TestServer(dataDir).close();
    }

    private java.util.List<String> stdioCommand() {
        return java.util.List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ActionportCli.class.getName(),
                "mcp",
                "--data-dir",
                dataDir.toString(),
                "--env",
                "dev",
                "--connection",
                "demo",
                "--integration",
                "demo");
    }

    private McpSyncClient stdio() {
        var command = stdioCommand();
        var parameters = ServerParameters.builder(command.getFirst())
                .args(command.subList(1, command.size()))
                .addEnvVar("ACTIONPORT_MASTER_KEY", TestServer.MASTER_KEY)
                .addEnvVar("ACTIONPORT_DEV_KEY", TestServer.DEV_KEY)
                .build();
        var transport = new StdioClientTransport(parameters, new JacksonMcpJsonMapper(Json.MAPPER));
        transport.setStdErrorHandler(line -> System.err.println("[actionport mcp] " + line));
        var client = McpClient.sync(transport)
                // The stdio process answers initialize once it has started a server: slow on a busy machine.
                .requestTimeout(Duration.ofSeconds(90))
                .initializationTimeout(Duration.ofSeconds(90))
                .build();
        client.initialize();
        return client;
    }
}
