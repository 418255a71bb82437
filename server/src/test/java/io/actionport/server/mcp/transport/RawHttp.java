package io.actionport.server.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls to the MCP endpoint, for asserting exact statuses, headers and bodies. */
final class RawHttp implements AutoCloseable {

    static final String ACCEPT_BOTH = "application/json, text/event-stream";
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"raw-http","version":"1.0.0"}}}""";
    static final String INITIALIZED = """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;

    RawHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    static String toolCall(int id, String tool, String argumentsJson) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":%s}}""".formatted(id, tool, argumentsJson);
    }

    /** A well-formed POST, for tests to spoil one aspect of. */
    HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", ACCEPT_BOTH)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpRequest.Builder post(String sessionId, String body) {
        return post(body).header("Mcp-Session-Id", sessionId);
    }

    HttpRequest.Builder get(String sessionId) {
        return HttpRequest.newBuilder(endpoint)
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", sessionId)
                .GET();
    }

    HttpRequest.Builder delete(String sessionId) {
        return HttpRequest.newBuilder(endpoint)
                .header("Mcp-Session-Id", sessionId)
                .DELETE();
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request whose body is an endless-looking stream, read line by line as it arrives. */
    HttpResponse<Stream<String>> open(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the initialize handshake and returns the new session's id. */
    String initialize() {
        HttpResponse<String> response = send(post(INITIALIZE));
        assertThat(response.statusCode()).isEqualTo(200);
        String sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(send(post(sessionId, INITIALIZED)).statusCode()).isEqualTo(202);
        return sessionId;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts an error answer: its status, and a JSON-RPC error body with a code and a message. */
    static void assertError(HttpResponse<String> response, int status, int code, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(body.has("id")).as("id present, as null").isTrue();
        assertThat(body.path("error").path("code").asInt()).isEqualTo(code);
        assertThat(body.path("error").path("message").asString()).isEqualTo(message);
    }

    @Override
    public void close() {
        // Open event streams never finish by themselves; close() would wait for them forever.
        client.shutdownNow();
    }
}
