package io.actionport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ready-to-paste client configurations in {@code config/}: each entry, with its placeholders
 * filled in, starts (stdio) or reaches (HTTP) a server and lists the demo tools.
 */
class ClientConfigsTest {

    static final Path CONFIGS = Path.of("config");
    static final Path LAUNCHER = Path.of("..", "bin", "actionport");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> DEMO_TOOLS = List.of("echo", "create-issue", "list-issues", "bulk-import");

    @TempDir
    static Path dataDir;

    static Actionport server;

    /** One server entry of one configuration file. */
    record Entry(String file, String name, JsonNode config) {
        boolean isStdio() {
            return config.has("command");
        }
    }

    @BeforeAll
    static void start() {
        server = Actionport.start(ServerConfig.defaults(dataDir).withDevKey("config-key"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Entry> entries() throws Exception {
        var entries = new ArrayList<Entry>();
        try (Stream<Path> files = Files.list(CONFIGS)) {
            for (var file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                var root = JSON.readTree(file.toFile());
                var servers = root.has("mcpServers") ? root.get("mcpServers") : root.get("servers");
                servers.properties()
                        .forEach(e -> entries.add(new Entry(file.getFileName().toString(), e.getKey(), e.getValue())));
            }
        }
        return entries;
    }

    @Test
    void every_configuration_has_a_server_entry_of_each_kind_it_documents() throws Exception {
        assertThat(entries())
                .extracting(entry -> entry.file() + ":" + (entry.isStdio() ? "stdio" : "http"))
                .containsExactlyInAnyOrder(
                        "claude_desktop_config.json:stdio",
                        "inspector.json:stdio",
                        "inspector.json:http",
                        "mcp-http.json:http",
                        "vscode-mcp.json:http",
                        "vscode-mcp.json:stdio");
    }

    @Test
    void every_stdio_entry_runs_the_same_command() throws Exception {
        var commands = entries().stream()
                .filter(Entry::isStdio)
                .map(entry -> fillIn(entry.config().get("args").toString()))
                .distinct()
                .toList();

        assertThat(commands).hasSize(1);
    }

    @Test
    void every_stdio_entry_starts_the_launcher_of_the_checkout() throws Exception {
        var commands = entries().stream()
                .filter(Entry::isStdio)
                .map(entry -> entry.config().get("command").asString())
                .distinct()
                .toList();

        assertThat(commands)
                .containsExactlyInAnyOrder("/path/to/actionport/bin/actionport", "${workspaceFolder}/bin/actionport");
        assertThat(LAUNCHER).isExecutable();
    }

    @Test
    void the_stdio_command_starts_the_server_over_stdio_and_lists_the_demo_tools() throws Exception {
        var entry = entries().stream().filter(Entry::isStdio).findFirst().orElseThrow();

        try (var client = stdio(entry)) {
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrderElementsOf(DEMO_TOOLS);
        }
    }

    @Test
    void every_http_entry_reaches_the_server_with_its_headers_and_lists_the_demo_tools() throws Exception {
        for (var entry : entries().stream().filter(entry -> !entry.isStdio()).toList()) {
            try (var client = http(entry)) {
                assertThat(client.listTools().tools())
                        .as(entry.file() + " " + entry.name())
                        .extracting(McpSchema.Tool::name)
                        .containsExactlyInAnyOrderElementsOf(DEMO_TOOLS);
            }
        }
    }

    /** The config's own values with the placeholders a user replaces filled in for this test. */
    static String fillIn(String text) {
        return text.replace("/path/to/actionport/data", dataDir.toString())
                .replace("${workspaceFolder}/data", dataDir.toString())
                .replace("<dev key>", "config-key")
                .replace("${input:actionport-key}", "config-key")
                .replace("http://127.0.0.1:8787", server.baseUrl().toString());
    }

    /**
     * Runs the entry's arguments, but with the test classpath instead of the launcher and its shaded
     * jar (the distribution's tests run the launcher), as {@code McpStdioTest} in the server does.
     */
    static McpSyncClient stdio(Entry entry) {
        var args = new ArrayList<>(
                List.of("-cp", System.getProperty("java.class.path"), "io.actionport.server.cli.ActionportCli"));
        entry.config()
                .get("args")
                .valueStream()
                .map(arg -> fillIn(arg.asString()))
                .forEach(args::add);
        var java = ProcessHandle.current().info().command().orElse("java");
        var client = McpClient.sync(new StdioClientTransport(
                        ServerParameters.builder(java).args(args).build(), new JacksonMcpJsonMapper(JSON)))
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        client.initialize();
        return client;
    }

    static McpSyncClient http(Entry entry) {
        var url = URI.create(fillIn(entry.config().get("url").asString()));
        var request = HttpRequest.newBuilder();
        entry.config()
                .get("headers")
                .properties()
                .forEach(header ->
                        request.header(header.getKey(), fillIn(header.getValue().asString())));
        var transport = HttpClientStreamableHttpTransport.builder(
                        url.resolve("/").toString())
                .endpoint(url.getPath())
                .requestBuilder(request)
                .build();
        var client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }
}
