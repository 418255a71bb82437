package io.actionport.server.it;

import static io.actionport.server.it.BadInput.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Malformed MCP messages over Streamable HTTP and over stdio: each gets its JSON-RPC error (or a
 * readable tool error) with the exact code, never silence, a 5xx or a trace; both doors serve on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadMcpInputTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static String session;
    static Process stdio;
    static OutputStream stdioIn;
    static final BlockingQueue<String> stdioOut = new LinkedBlockingQueue<>();
    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"bad-input","version":"1.0.0"}}}""";

    /** One message and the answer it must get: a JSON-RPC error code, or 0 for a tool result with isError. */
    record McpCase(String name, String message, int code, String mentions, Map<String, String> headers, int status) {

        static McpCase of(String name, String message, int code, String mentions) {
            return new McpCase(name, message, code, mentions, Map.of(), code == -32602 || code == -32601 ? 200 : 400);
        }

        McpCase status(int status) {
            return new McpCase(name, message, code, mentions, headers, status);
        }

        McpCase header(String header, String value) {
            var all = new LinkedHashMap<>(headers);
            all.put(header, value);
            return new McpCase(name, message, code, mentions, all, status);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static String request(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    static String call(int id, String argumentsJson) {
        return request(id, "tools/call", "{\"name\":\"echo\",\"arguments\":" + argumentsJson + "}");
    }

    /** Malformed messages that both doors answer alike. */
    static Stream<McpCase> messageCases() {
        return Stream.of(
                McpCase.of("truncated JSON", "{\"jsonrpc\":\"2.0\",\"id\":", -32700, "Parse error"),
                McpCase.of("not JSON", "hello", -32700, "Parse error"),
                McpCase.of("a lone brace", "}", -32700, "Parse error"),
                McpCase.of(
                        "an argument given twice",
                        call(7, "{\"message\":\"one\",\"message\":\"two\"}"),
                        -32700,
                        "Duplicate Object property \"message\""),
                McpCase.of("JSON with a trailing comma", "{\"jsonrpc\":\"2.0\",\"id\":3,}", -32700, "Parse error"),
                McpCase.of("nesting 5000 levels deep", call(4, "[".repeat(5000)), -32700, "Parse error"),
                McpCase.of("an empty array (a batch)", "[]", -32600, "batches are not supported"),
                McpCase.of(
                        "a batch of one",
                        "[" + request(5, "tools/list", null) + "]",
                        -32600,
                        "batches are not supported"),
                McpCase.of("a number", "42", -32600, "must be a JSON-RPC object, was a number"),
                McpCase.of("a string", "\"tools/list\"", -32600, "must be a JSON-RPC object, was a string"),
                McpCase.of("null", "null", -32600, "must be a JSON-RPC object, was null"),
                McpCase.of("an empty object", "{}", -32600, "\"jsonrpc\" must be \"2.0\""),
                McpCase.of("no jsonrpc", "{\"id\":6,\"method\":\"tools/list\"}", -32600, "\"jsonrpc\" must be \"2.0\""),
                McpCase.of(
                        "jsonrpc 1.0", "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"tools/list\"}", -32600, "\"2.0\""),
                McpCase.of(
                        "jsonrpc as a number", "{\"jsonrpc\":2,\"id\":8,\"method\":\"tools/list\"}", -32600, "\"2.0\""),
                McpCase.of(
                        "id true",
                        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"tools/list\"}",
                        -32600,
                        "\"id\" must be a string or a whole number, was a boolean"),
                McpCase.of(
                        "id an object",
                        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"tools/list\"}",
                        -32600,
                        "was an object"),
                McpCase.of(
                        "id an array",
                        "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"tools/list\"}",
                        -32600,
                        "was an array"),
                McpCase.of(
                        "id fractional",
                        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"tools/list\"}",
                        -32600,
                        "\"id\" must be a string or a whole number"),
                McpCase.of(
                        "id null", "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}", -32600, "was null"),
                McpCase.of(
                        "id beyond 64 bits",
                        "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"tools/list\"}",
                        -32600,
                        "\"id\" must be"),
                McpCase.of(
                        "method a number",
                        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":42}",
                        -32600,
                        "\"method\" must be a non-empty string, was a number"),
                McpCase.of(
                        "method empty",
                        "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"\"}",
                        -32600,
                        "\"method\" must be a non-empty string"),
                McpCase.of(
                        "neither method nor result", "{\"jsonrpc\":\"2.0\",\"id\":11}", -32600, "needs a \"method\""),
                McpCase.of(
                        "params an array",
                        request(12, "tools/list", "[]"),
                        -32602,
                        "params must be an object, was an array"),
                McpCase.of(
                        "params a string",
                        request(13, "tools/list", "\"x\""),
                        -32602,
                        "params must be an object, was a string"),
                McpCase.of(
                        "cursor a number",
                        request(14, "tools/list", "{\"cursor\":5}"),
                        -32602,
                        "params.cursor must be a string"),
                McpCase.of("unknown method", request(15, "no/such-method", "{}"), -32601, "no/such-method"),
                McpCase.of(
                        "tools/call without params",
                        request(16, "tools/call", null),
                        -32602,
                        "params.name is required"),
                McpCase.of(
                        "tools/call with empty params",
                        request(17, "tools/call", "{}"),
                        -32602,
                        "params.name is required"),
                McpCase.of(
                        "tools/call name a number",
                        request(18, "tools/call", "{\"name\":42}"),
                        -32602,
                        "params.name must be a non-empty string, was a number"),
                McpCase.of(
                        "tools/call name empty",
                        request(19, "tools/call", "{\"name\":\"\"}"),
                        -32602,
                        "params.name must be a non-empty string"),
                McpCase.of("arguments an array", call(20, "[]"), -32602, "arguments must be an object, was an array"),
                McpCase.of(
                        "arguments a string", call(21, "\"hi\""), -32602, "arguments must be an object, was a string"),
                McpCase.of("arguments a number", call(22, "7"), -32602, "arguments must be an object, was a number"),
                McpCase.of("arguments true", call(23, "true"), -32602, "arguments must be an object, was a boolean"),
                McpCase.of(
                        "_meta a string",
                        request(24, "tools/call", "{\"name\":\"echo\",\"_meta\":\"x\"}"),
                        -32602,
                        "params._meta must be an object"),
                McpCase.of(
                        "unknown tool",
                        request(25, "tools/call", "{\"name\":\"nope\",\"arguments\":{}}"),
                        -32602,
                        "Unknown tool 'nope'; tools/list shows the available tools"),
                McpCase.of(
                        "unknown tool of 300 characters",
                        request(26, "tools/call", "{\"name\":\"" + repeat('t', 300) + "\"}"),
                        -32602,
                        "Unknown tool"),
                McpCase.of(
                        "tool of another integration",
                        request(27, "tools/call", "{\"name\":\"crashy\",\"arguments\":{}}"),
                        -32602,
                        "Unknown tool 'crashy'"),
                McpCase.of(
                        "resources/read without uri",
                        request(28, "resources/read", "{}"),
                        -32602,
                        "params.uri is required"),
                McpCase.of(
                        "resources/read uri a number",
                        request(29, "resources/read", "{\"uri\":1}"),
                        -32602,
                        "params.uri must be a non-empty string"),
                McpCase.of(
                        "resources/subscribe without uri",
                        request(30, "resources/subscribe", "{}"),
                        -32602,
                        "params.uri is required"),
                McpCase.of(
                        "prompts/get without name",
                        request(31, "prompts/get", "{}"),
                        -32602,
                        "params.name is required"),
                McpCase.of(
                        "completion without ref",
                        request(32, "completion/complete", "{}"),
                        -32602,
                        "params.ref is required"),
                McpCase.of(
                        "logging/setLevel without level",
                        request(33, "logging/setLevel", "{}"),
                        -32602,
                        "params.level is required"),
                McpCase.of(
                        "missing required argument",
                        call(34, "{}"),
                        0,
                        "- /message: required property 'message' not found"),
                McpCase.of(
                        "argument of the wrong type",
                        call(35, "{\"message\": 42}"),
                        0,
                        "- /message: integer found, string expected"),
                McpCase.of(
                        "argument null",
                        call(36, "{\"message\": null}"),
                        0,
                        "- /message: null found, string expected"));
    }

    /** Things only Streamable HTTP has: headers, sessions, sizes. */
    static Stream<McpCase> httpOnlyCases() {
        return Stream.of(
                McpCase.of(
                        "initialize without params",
                        request(40, "initialize", null),
                        -32602,
                        "params.protocolVersion is required"),
                McpCase.of(
                        "initialize with a numeric version",
                        request(41, "initialize", "{\"protocolVersion\":5,\"clientInfo\":{\"name\":\"x\"}}"),
                        -32602,
                        "params.protocolVersion must be a non-empty string"),
                McpCase.of(
                        "initialize without clientInfo",
                        request(42, "initialize", "{\"protocolVersion\":\"2025-06-18\"}"),
                        -32602,
                        "params.clientInfo is required"),
                McpCase.of(
                        "initialize without a client name",
                        request(43, "initialize", "{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":{}}"),
                        -32602,
                        "clientInfo.name is required"),
                McpCase.of(
                        "initialize with capabilities a string",
                        request(
                                44,
                                "initialize",
                                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":\"all\",\"clientInfo\":{\"name\":\"x\"}}"),
                        -32602,
                        "params.capabilities must be an object"),
                McpCase.of("no Authorization", call(45, "{\"message\":\"hi\"}"), -32600, "Bearer")
                        .header("Authorization", "")
                        .status(401),
                McpCase.of("unknown key", call(46, "{\"message\":\"hi\"}"), -32600, "not a key of any environment")
                        .header("Authorization", "Bearer nope")
                        .status(401),
                McpCase.of(
                                "Connection-Id of 300 characters",
                                call(47, "{\"message\":\"hi\"}"),
                                -32600,
                                "Connection-Id is 300 characters long, over the limit of 256")
                        .header("Connection-Id", repeat('c', 300)),
                McpCase.of(
                                "Connection-Id with a slash",
                                call(48, "{\"message\":\"hi\"}"),
                                -32600,
                                "Connection-Id must be")
                        .header("Connection-Id", "a/b"),
                McpCase.of(
                                "Provider-Config-Key of 300 characters",
                                call(49, "{\"message\":\"hi\"}"),
                                -32600,
                                "Provider-Config-Key is 300 characters long")
                        .header("Provider-Config-Key", repeat('p', 300)),
                McpCase.of(
                                "environment header of 300 characters",
                                call(50, "{\"message\":\"hi\"}"),
                                -32600,
                                "X-Actionport-Environment is 300 characters long")
                        .header("X-Actionport-Environment", repeat('e', 300)),
                McpCase.of("unknown session", call(51, "{\"message\":\"hi\"}"), -32001, "Session not found")
                        .header("Mcp-Session-Id", "no-such-session")
                        .status(404),
                McpCase.of(
                                "session id of 300 characters",
                                call(52, "{\"message\":\"hi\"}"),
                                -32001,
                                "Session not found")
                        .header("Mcp-Session-Id", repeat('s', 300))
                        .status(404),
                McpCase.of(
                                "text/plain body",
                                call(53, "{\"message\":\"hi\"}"),
                                -32000,
                                "Content-Type must be application/json")
                        .header("Content-Type", "text/plain")
                        .status(415),
                McpCase.of("Accept without event-stream", call(54, "{\"message\":\"hi\"}"), -32000, "Accept header")
                        .header("Accept", "application/json")
                        .status(406),
                McpCase.of(
                                "unsupported protocol version",
                                call(55, "{\"message\":\"hi\"}"),
                                -32602,
                                // A version none of the session era's is the stateless era's, whose envelope it lacks.
                                "params._meta must carry")
                        .header("MCP-Protocol-Version", "1999-01-01")
                        .status(400),
                McpCase.of("empty body", "", -32700, "Parse error"),
                McpCase.of(
                                "body just over 4 MiB",
                                call(56, "{\"message\":\"" + repeat('x', 4 * 1024 * 1024) + "\"}"),
                                -32000,
                                "exceeds 4194304 bytes")
                        .status(413));
    }

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dataDir);
        var initialized = post(INITIALIZE, Map.of());
        session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Map.of());
        startStdio();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stdio != null) {
            stdioIn.close();
            if (!stdio.waitFor(20, TimeUnit.SECONDS)) {
                stdio.destroyForcibly();
            }
        }
        server.close();
    }

    static HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        var all = new LinkedHashMap<String, String>();
        all.put("Authorization", "Bearer " + TestServer.DEV_KEY);
        all.put("Content-Type", "application/json");
        all.put("Accept", "application/json, text/event-stream");
        all.put("Provider-Config-Key", "demo");
        all.put("Connection-Id", "demo");
        if (session != null) {
            all.put("Mcp-Session-Id", session);
        }
        all.putAll(headers);
        all.forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Order(1)
    @ParameterizedTest(name = "{0} sent twice")
    @ValueSource(strings = {"Authorization", "Connection-Id", "Provider-Config-Key", "X-Actionport-Environment"})
    @Timeout(30)
    void a_header_sent_twice_is_refused_rather_than_one_of_them_picked(String header) throws Exception {
        var value = header.equals("Authorization") ? "Bearer " + TestServer.DEV_KEY : "demo";
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header(header, value)
                .header(header, value);
        if (!header.equals("Authorization")) {
            request.header("Authorization", "Bearer " + TestServer.DEV_KEY);
        }
        var response = http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(),
                HttpResponse.BodyHandlers.ofString());

        BadInput.assertNoLeak(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        var error = answer(response).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32600);
        assertThat(error.path("message").asString()).isEqualTo(header + " was sent 2 times; send it once");
    }

    /** The JSON-RPC answer in a plain JSON body or the last data line of an SSE stream. */
    static JsonNode answer(HttpResponse<String> response) {
        var body = response.body();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            String last = null;
            for (var line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    last = line.substring(5).trim();
                }
            }
            body = last;
        }
        assertThat(body).as("an answer").isNotBlank();
        return Json.MAPPER.readTree(body);
    }

    @Order(1)
    @ParameterizedTest(name = "MCP over HTTP: {0}")
    @MethodSource({"messageCases", "httpOnlyCases"})
    @Timeout(30)
    void mcp_over_http_answers_every_malformed_message(McpCase bad) throws Exception {
        var response = post(bad.message(), bad.headers());

        BadInput.assertNoLeak(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.code() == 0 ? 200 : bad.status());
        assertAnswer(answer(response), bad);
    }

    @Order(1)
    @ParameterizedTest(name = "MCP over stdio: {0}")
    @MethodSource("messageCases")
    @Timeout(30)
    void mcp_over_stdio_answers_every_malformed_line_and_reads_on(McpCase bad) throws Exception {
        var answer = stdioExchange(bad.message().replace("\n", " "));

        BadInput.assertNoLeak(answer);
        assertAnswer(Json.MAPPER.readTree(answer), bad);
    }

    @Test
    @Order(1)
    @Timeout(30)
    void a_raw_nul_byte_on_a_stdio_line_is_a_parse_error() throws Exception {
        var answer = Json.MAPPER.readTree(stdioExchange("{\"jsonrpc\":\"2.0\",\u0000\"id\":1}"));

        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(answer.path("id").isNull()).isTrue();
    }

    static void assertAnswer(JsonNode answer, McpCase bad) {
        if (bad.code() == 0) {
            assertThat(answer.at("/result/isError").asBoolean())
                    .as(answer.toString())
                    .isTrue();
            assertThat(answer.at("/result/content/0/text").asString()).contains(bad.mentions());
            return;
        }
        assertThat(answer.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(answer.at("/error/code").asInt()).as(answer.toString()).isEqualTo(bad.code());
        var error = answer.path("error");
        assertThat(error.path("message").asString() + " " + error.path("data").asString())
                .as(answer.toString())
                .contains(bad.mentions());
    }

    @Test
    @Order(2)
    @Timeout(60)
    void both_doors_still_serve_a_good_tool_call_after_all_the_bad_input() throws Exception {
        var overHttp = answer(post(call(900, "{\"message\":\"still here\"}"), Map.of()));
        var overStdio = Json.MAPPER.readTree(stdioExchange(call(901, "{\"message\":\"still here\"}")));

        assertThat(overHttp.at("/result/structuredContent/message").asString()).isEqualTo("still here");
        assertThat(overStdio.at("/result/structuredContent/message").asString()).isEqualTo("still here");
    }

    @Test
    @Order(2)
    @Timeout(60)
    void stdio_answers_stateless_lines_beside_its_session() throws Exception {
        var meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

        var discover = Json.MAPPER.readTree(stdioExchange(
                "{\"jsonrpc\":\"2.0\",\"id\":950,\"method\":\"server/discover\",\"params\":{" + meta + "}}"));
        var echo = Json.MAPPER.readTree(stdioExchange("{\"jsonrpc\":\"2.0\",\"id\":951,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"stateless\"}," + meta + "}}"));
        var ping = Json.MAPPER.readTree(
                stdioExchange("{\"jsonrpc\":\"2.0\",\"id\":952,\"method\":\"ping\",\"params\":{" + meta + "}}"));
        var wrongVersion =
                Json.MAPPER.readTree(stdioExchange("{\"jsonrpc\":\"2.0\",\"id\":953,\"method\":\"tools/list\","
                        + "\"params\":{" + meta.replace("2026-07-28", "2030-01-01") + "}}"));

        assertThat(discover.at("/result/supportedVersions").toString()).contains("2026-07-28");
        assertThat(echo.get("id").asInt()).isEqualTo(951);
        assertThat(echo.at("/result/structuredContent/message").asString()).isEqualTo("stateless");
        assertThat(echo.at("/result/resultType").asString()).isEqualTo("complete");
        assertThat(ping.at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(wrongVersion.at("/error/code").asInt()).isEqualTo(-32022);
        assertThat(wrongVersion.at("/error/data/requested").asString()).isEqualTo("2030-01-01");
    }

    static void startStdio() throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.actionport.server.cli.ActionportCli",
                        "mcp",
                        "--data-dir",
                        dataDir.toString(),
                        "--env",
                        "dev",
                        "--connection",
                        "demo",
                        "--integration",
                        "demo")
                .redirectError(dataDir.resolve("stdio-stderr.log").toFile());
        builder.environment().put("ACTIONPORT_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        stdio = builder.start();
        stdioIn = stdio.getOutputStream();
        var reader = new BufferedReader(new InputStreamReader(stdio.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> reader.lines().forEach(stdioOut::add));
        // The first answer waits for the process to start, which takes a while on a busy machine.
        var initialized = stdioExchange(INITIALIZE.replace("\n", ""), Duration.ofSeconds(120));
        assertThat(initialized).contains("\"result\"");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    static void send(String line) throws Exception {
        stdioIn.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdioIn.flush();
    }

    /** Sends one line and waits for the next answer, skipping notifications the server sends meanwhile. */
    static String stdioExchange(String line) throws Exception {
        return stdioExchange(line, Duration.ofSeconds(20));
    }

    static String stdioExchange(String line, Duration timeout) throws Exception {
        send(line);
        while (true) {
            var answer = stdioOut.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(answer)
                    .as("an answer to " + abbreviate(line) + " within " + timeout)
                    .isNotNull();
            if (!Json.MAPPER.readTree(answer).has("method")) {
                return answer;
            }
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
