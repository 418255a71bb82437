package io.actionport.server.mcp.transport;

import static io.actionport.server.mcp.transport.RawHttp.assertError;
import static io.actionport.server.mcp.transport.RawHttp.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Streamable HTTP rules as a plain HTTP client sees them: statuses, media types and errors. */
class HttpProtocolTest {

    private static McpTestServer server;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        server = McpTestServer.start(builder -> builder.maxRequestBodyBytes(1024));
        http = new RawHttp(server.uri("/mcp"));
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
    }

    @Test
    void starts_a_session_on_initialize_and_returns_its_id() {
        HttpResponse<String> response = http.send(http.post(RawHttp.INITIALIZE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id"))
                .hasValueSatisfying(id -> assertThat(id).isNotBlank());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(RawHttp.json(response)
                        .path("result")
                        .path("serverInfo")
                        .path("name")
                        .asString())
                .isEqualTo("transport-test");
    }

    @Test
    void answers_with_plain_json_when_the_result_is_all_there_is() {
        String session = http.initialize();

        HttpResponse<String> response = http.send(http.post(session, toolCall(2, "echo", "{\"text\":\"hi\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(RawHttp.json(response)
                        .path("result")
                        .path("content")
                        .path(0)
                        .path("text")
                        .asString())
                .isEqualTo("hi");
    }

    @Test
    void streams_server_sent_events_when_a_notification_precedes_the_result() {
        String session = http.initialize();

        HttpResponse<String> response = http.send(http.post(session, toolCall(2, "announce", "{}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.body())
                .containsSubsequence("event: message", "notifications/message", "working on it")
                .containsSubsequence("event: message", "\"id\":2", "done");
    }

    @Test
    void accepts_a_client_notification_with_202_and_no_body() {
        String session = http.initialize();

        HttpResponse<String> response = http.send(http.post(session, RawHttp.INITIALIZED));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void rejects_a_post_that_does_not_accept_event_streams_with_406() {
        HttpResponse<String> response =
                http.send(http.post(RawHttp.INITIALIZE).setHeader("Accept", "application/json"));

        assertError(
                response,
                406,
                -32000,
                "Not Acceptable: the Accept header must include both application/json and text/event-stream");
    }

    @Test
    void accepts_media_type_wildcards_in_accept() {
        HttpResponse<String> response = http.send(http.post(RawHttp.INITIALIZE).setHeader("Accept", "*/*"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejects_a_get_that_does_not_accept_event_streams_with_406() {
        String session = http.initialize();

        HttpResponse<String> response = http.send(http.get(session).setHeader("Accept", "application/json"));

        assertError(response, 406, -32000, "Not Acceptable: the Accept header must include text/event-stream");
    }

    @Test
    void rejects_a_body_that_is_not_json_with_415() {
        HttpResponse<String> response =
                http.send(http.post(RawHttp.INITIALIZE).setHeader("Content-Type", "text/plain"));

        assertError(response, 415, -32000, "Unsupported Media Type: Content-Type must be application/json");
    }

    @Test
    void answers_malformed_json_with_400_and_a_parse_error() {
        HttpResponse<String> response = http.send(http.post("{\"jsonrpc\":\"2.0\", \"id\":"));

        assertError(
                response,
                400,
                -32700,
                "Parse error: the request body is not valid JSON: Unexpected end-of-input within/between Object entries"
                        + " (line 1, column 24)");
    }

    @Test
    void answers_a_message_without_method_with_400_and_an_invalid_request_error() {
        HttpResponse<String> response = http.send(http.post("{\"jsonrpc\":\"2.0\",\"id\":7}"));

        assertError(
                response,
                400,
                -32600,
                "Invalid Request: a JSON-RPC message needs a \"method\" (request or notification)"
                        + " or a \"result\" or \"error\" (response)");
    }

    @Test
    void answers_a_batch_with_400_and_an_invalid_request_error() {
        HttpResponse<String> response = http.send(http.post("[" + RawHttp.INITIALIZE + "]"));

        assertError(response, 400, -32600, "Invalid Request: JSON-RPC batches are not supported");
    }

    @Test
    void rejects_a_request_without_session_id_with_400() {
        HttpResponse<String> response = http.send(http.post(toolCall(2, "echo", "{}")));

        assertError(
                response,
                400,
                -32600,
                "Bad Request: the Mcp-Session-Id header is required; send initialize first to get one");
    }

    @Test
    void answers_an_unknown_session_id_with_404() {
        HttpResponse<String> response = http.send(http.post("no-such-session", toolCall(2, "echo", "{}")));

        assertError(
                response,
                404,
                -32001,
                "Session not found: it was terminated or has expired; send a new initialize request");
    }

    @Test
    void rejects_an_unsupported_protocol_version_with_400() {
        String session = http.initialize();

        HttpResponse<String> response =
                http.send(http.post(session, toolCall(2, "echo", "{}")).header("MCP-Protocol-Version", "1999-01-01"));

        assertError(
                response,
                400,
                -32600,
                "Bad Request: unsupported MCP-Protocol-Version 1999-01-01;"
                        + " supported versions are 2025-03-26, 2025-06-18, 2025-11-25");
    }

    @Test
    void rejects_a_body_declared_larger_than_the_limit_with_413() {
        String session = http.initialize();
        String padded = toolCall(2, "echo", "{\"text\":\"" + "x".repeat(2000) + "\"}");

        HttpResponse<String> response = http.send(http.post(session, padded));

        assertError(response, 413, -32000, "Payload Too Large: the request body exceeds 1024 bytes");
    }

    @Test
    void rejects_a_chunked_body_that_grows_past_the_limit_with_413() {
        String session = http.initialize();
        byte[] padded =
                toolCall(2, "echo", "{\"text\":\"" + "x".repeat(2000) + "\"}").getBytes();

        HttpResponse<String> response = http.send(http.post(session, "")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded))));

        assertError(response, 413, -32000, "Payload Too Large: the request body exceeds 1024 bytes");
    }

    @Test
    void answers_other_methods_with_405_and_the_allowed_ones() {
        HttpResponse<String> response =
                http.send(http.post(RawHttp.INITIALIZE).PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertError(response, 405, -32000, "Method Not Allowed: use POST, GET or DELETE");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
    }

    @Test
    void serves_the_endpoint_whatever_the_query_string() {
        HttpResponse<String> response = http.send(http.post(RawHttp.INITIALIZE).uri(server.uri("/mcp?tenant=a")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void does_not_serve_paths_below_the_endpoint() {
        HttpResponse<String> response = http.send(http.post(RawHttp.INITIALIZE).uri(server.uri("/mcp/extra")));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void leaves_other_routes_of_the_shared_server_alone() {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(server.uri("/health")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }
}
