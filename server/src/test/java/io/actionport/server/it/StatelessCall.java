package io.actionport.server.it;

import io.actionport.server.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request of the stateless MCP era (2026-07-28) as a conforming client sends it over HTTP:
 * the dev caller key, the demo integration and connection, the protocol version header and
 * {@code _meta}, and {@code Mcp-Method}/{@code Mcp-Name}; each part can be changed to make it bad.
 */
record StatelessCall(URI server, String method, String params, Map<String, String> headers, ObjectNode meta) {

    static final String VERSION = "2026-07-28";
    static final String TASKS = "io.modelcontextprotocol/tasks";

    private static final HttpClient http = HttpClient.newHttpClient();

    /** @param tasks whether the client declares the tasks extension */
    static StatelessCall of(URI server, String method, String params, boolean tasks) {
        return new StatelessCall(server, method, params, defaultHeaders(method, params), defaultMeta(tasks));
    }

    static Map<String, String> defaultHeaders(String method, String params) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Authorization", "Bearer " + TestServer.DEV_KEY);
        headers.put("Provider-Config-Key", "demo");
        headers.put("Connection-Id", "demo");
        headers.put("MCP-Protocol-Version", VERSION);
        headers.put("Mcp-Method", method);
        var json = Json.MAPPER.readTree(params);
        for (var field : List.of("name", "uri", "taskId")) {
            if (json.has(field)) {
                headers.put("Mcp-Name", json.get(field).asString());
            }
        }
        return headers;
    }

    static ObjectNode defaultMeta(boolean tasks) {
        var meta = Json.MAPPER.createObjectNode();
        meta.put("io.modelcontextprotocol/protocolVersion", VERSION);
        var capabilities = meta.putObject("io.modelcontextprotocol/clientCapabilities");
        if (tasks) {
            capabilities.putObject("extensions").putObject(TASKS);
        }
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "test").put("version", "1");
        return meta;
    }

    /** This call with a header set to {@code value}, or removed when it is null. */
    StatelessCall header(String name, String value) {
        var changed = new LinkedHashMap<>(headers);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new StatelessCall(server, method, params, changed, meta);
    }

    StatelessCall meta(ObjectNode replaced) {
        return new StatelessCall(server, method, params, headers, replaced);
    }

    /** This call sent to another node. */
    StatelessCall to(URI other) {
        return new StatelessCall(other, method, params, headers, meta);
    }

    String body() {
        var params = (ObjectNode) Json.MAPPER.readTree(this.params);
        if (meta != null) {
            var merged = meta.deepCopy();
            if (params.get("_meta") instanceof ObjectNode extra) {
                merged.setAll(extra);
            }
            params.set("_meta", merged);
        }
        var message = Json.MAPPER
                .createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", 7)
                .put("method", method);
        message.set("params", params);
        return message.toString();
    }

    HttpRequest request() {
        var builder = HttpRequest.newBuilder(server.resolve("/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body()));
        headers.forEach(builder::setHeader);
        return builder.build();
    }

    Answer send() {
        try {
            var response = http.send(request(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), messages(response));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP status and the JSON-RPC messages of an answer (one for JSON, every event for SSE). */
    record Answer(int status, List<JsonNode> messages) {
        JsonNode last() {
            return messages.getLast();
        }

        JsonNode result() {
            return last().get("result");
        }

        JsonNode error() {
            return last().get("error");
        }
    }

    private static List<JsonNode> messages(HttpResponse<String> response) {
        var type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/event-stream")) {
            return List.of(Json.MAPPER.readTree(response.body()));
        }
        var messages = new ArrayList<JsonNode>();
        for (var line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                messages.add(Json.MAPPER.readTree(line.substring("data: ".length())));
            }
        }
        return messages;
    }
}
