package io.actionport.server.mcp;

import io.actionport.server.http.HttpApi;
import io.actionport.server.mcp.stateless.StatelessHeaders;
import io.actionport.server.mcp.stateless.StatelessLines;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.HttpHeaders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code actionport mcp} while another local process holds the store: relays each JSON-RPC
 * message from stdin to that process's {@code /mcp} over loopback, with the local token and the
 * scope (environment, integration, connection) as headers, and writes back to stdout what it
 * answers, including the messages it streams (progress, list changes, elicitation requests).
 */
public final class StdioBridge {

    private static final Logger log = LoggerFactory.getLogger(StdioBridge.class);
    private static final String EVENT_STREAM = "text/event-stream";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;
    private final Map<String, String> headers;
    private final PrintStream out;
    private final AtomicBoolean listening = new AtomicBoolean();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile String lastEventId;
    private volatile boolean open = true;

    private StdioBridge(URI baseUrl, Map<String, String> headers, PrintStream out) {
        this.endpoint = baseUrl.resolve(McpDoor.PATH);
        this.headers = headers;
        this.out = out;
    }

    /**
     * Relays stdin to the server at {@code baseUrl} and its answers to stdout until stdin closes,
     * then ends the session.
     *
     * @param token the local token from the run file
     * @param integration only this integration's tools, or null
     * @param connectionId the connection tools run with, or null
     */
    public static void relay(
            URI baseUrl,
            String token,
            String environment,
            String integration,
            String connectionId,
            InputStream in,
            PrintStream out) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Authorization", "Bearer " + token);
        headers.put(HttpApi.ENVIRONMENT_HEADER, environment);
        if (integration != null) {
            headers.put(SessionScope.INTEGRATION, integration);
        }
        if (connectionId != null) {
            headers.put(SessionScope.CONNECTION, connectionId);
        }
        // Malformed lines are answered here, as in the embedded stdio door, and never relayed; the
        // end of stdin is relayed once the requests before it are answered.
        var unanswered = new UnansweredRequests(McpServers.JSON);
        var watched = new PrintStream(unanswered.watching(out), true, StandardCharsets.UTF_8);
        new StdioBridge(baseUrl, headers, watched)
                .run(new JsonRpcLineFilter(in, watched, McpServers.JSON, StdioMcp.MAX_MESSAGE_BYTES, unanswered));
    }

    private void run(InputStream in) {
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                // The line filter in front answered every malformed line already: this one parses.
                var message = Json.MAPPER.readTree(line);
                boolean request = message.has("method") && message.has("id");
                if (request && !message.path("method").asString("").equals("initialize")) {
                    // A request may take long (a tool call): the next lines must not wait for it.
                    Thread.ofVirtual().name("mcp-relay").start(() -> post(message));
                } else {
                    // In order: the session starts with the answer to initialize, and notifications
                    // and answers to the server (202 at once) keep their place before later requests.
                    post(message);
                }
            }
        } catch (IOException e) {
            log.warn("stdin failed: {}", e.getMessage());
        } finally {
            open = false;
            endSession();
        }
    }

    private void post(JsonNode message) {
        var builder = request(HttpRequest.BodyPublishers.ofString(message.toString()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, " + EVENT_STREAM);
        boolean stateless = StatelessLines.claims(Json.MAPPER.convertValue(message, Map.class));
        if (stateless) {
            StatelessHeaders.of(message).forEach(builder::setHeader);
        }
        var request = builder.build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            response.headers().firstValue(HttpHeaders.MCP_SESSION_ID).ifPresent(this::sessionStarted);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                if (isEventStream(response)) {
                    relayEvents(response.body());
                } else {
                    var body = String.join("\n", response.body().toList());
                    if (!body.isBlank()) {
                        rememberProtocolVersion(body);
                        write(body);
                    }
                }
                return;
            }
            var body = String.join("\n", response.body().toList());
            if (stateless && isJsonRpcError(body)) {
                write(body); // The stateless era's refusals are JSON-RPC answers in their own right.
                return;
            }
            refused(message, status, body);
        } catch (IOException e) {
            if (message.has("id")) {
                write(error(
                        message.get("id"),
                        -32603,
                        "the actionport process at " + endpoint + " stopped answering (" + e.getMessage()
                                + "); restart `actionport mcp`"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isJsonRpcError(String body) {
        try {
            return Json.MAPPER.readTree(body).has("error");
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The server's refusal, answered to the request it refused, in JSON-RPC. */
    private void refused(JsonNode message, int status, String body) {
        if (!message.has("id")) {
            log.warn("the server refused a notification with HTTP {}: {}", status, body);
            return;
        }
        String reason = "HTTP " + status;
        try {
            var answer = Json.MAPPER.readTree(body);
            reason = answer.path("error").path("message").asString(reason);
        } catch (JacksonException e) {
            if (!body.isBlank()) {
                reason = body;
            }
        }
        write(error(message.get("id"), -32600, reason));
    }

    private void sessionStarted(String id) {
        sessionId = id;
        if (listening.compareAndSet(false, true)) {
            Thread.ofVirtual().name("mcp-relay-listen").start(this::listen);
        }
    }

    /** The GET stream: what the server sends outside an answer, such as list changes. */
    private void listen() {
        while (open) {
            var request = request(null).header("Accept", EVENT_STREAM);
            if (lastEventId != null) {
                request.header(HttpHeaders.LAST_EVENT_ID, lastEventId);
            }
            try {
                var response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    log.warn("the server offers no event stream (HTTP {})", response.statusCode());
                    return;
                }
                relayEvents(response.body());
            } catch (IOException e) {
                if (open) {
                    log.warn("the event stream of {} ended: {}", endpoint, e.getMessage());
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes the data of each server-sent event, one JSON-RPC message per line. */
    private void relayEvents(Stream<String> lines) {
        var data = new StringBuilder();
        for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
            var line = it.next();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    rememberProtocolVersion(data.toString());
                    write(data.toString());
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            } else if (line.startsWith("id:")) {
                lastEventId = line.substring(3).trim();
            }
        }
    }

    private void endSession() {
        if (sessionId == null) {
            return;
        }
        try {
            http.send(request(null).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // The server is gone, and the session with it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder request(HttpRequest.BodyPublisher body) {
        var builder = HttpRequest.newBuilder(endpoint);
        headers.forEach(builder::header);
        if (sessionId != null) {
            builder.header(HttpHeaders.MCP_SESSION_ID, sessionId);
        }
        if (protocolVersion != null) {
            builder.header(HttpHeaders.PROTOCOL_VERSION, protocolVersion);
        }
        return body == null ? builder : builder.POST(body);
    }

    private void rememberProtocolVersion(String message) {
        if (protocolVersion != null) {
            return;
        }
        try {
            var version = Json.MAPPER.readTree(message).path("result").path("protocolVersion");
            if (version.isString()) {
                protocolVersion = version.asString();
            }
        } catch (JacksonException e) {
            // Not JSON: written as it came, the client will say so.
        }
    }

    private static boolean isEventStream(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Content-Type")
                .map(type -> type.startsWith(EVENT_STREAM))
                .orElse(false);
    }

    private static String error(JsonNode id, int code, String message) {
        var answer = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        if (id == null) {
            answer.putNull("id");
        } else {
            answer.set("id", id);
        }
        answer.putObject("error").put("code", code).put("message", message);
        return answer.toString();
    }

    /** One message per line: stdio framing allows no newline inside a message. */
    private void write(String message) {
        String line;
        try {
            line = Json.MAPPER.readTree(message).toString();
        } catch (JacksonException e) {
            line = message.replace('\n', ' ');
        }
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }
}
