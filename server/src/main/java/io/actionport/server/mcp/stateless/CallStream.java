package io.actionport.server.mcp.stateless;

import io.actionport.server.runner.ClientRequest;
import io.actionport.server.runner.InputRequiredException;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stream of one stateless tool call: its progress when the request carried a progress token,
 * the action's log lines at or above the level the request named, and last the answer. Nothing
 * goes anywhere else: in the stateless era notifications belong to their request.
 */
final class CallStream implements ProgressListener {

    /** MCP's log levels, lowest first. */
    private static final List<String> LEVELS =
            List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    private final Sinks.Many<ObjectNode> frames = Sinks.many().unicast().onBackpressureBuffer();
    private final JsonNode progressToken;
    private final int lowestLevel;
    private final String toolName;
    private final ObjectNode capabilities;
    private final ObjectNode answers;
    private volatile InputRequiredException pending;
    private volatile ClientRequest unanswerable;

    /**
     * @param progressToken the request's token, or null for no progress
     * @param logLevel the lowest level the request asked for, or null for no log lines
     * @param capabilities what the request's client declared it can answer
     * @param answers the answers to this call's questions so far, by key
     */
    CallStream(JsonNode progressToken, String logLevel, String toolName, ObjectNode capabilities, ObjectNode answers) {
        this.progressToken = progressToken;
        this.lowestLevel = logLevel == null ? Integer.MAX_VALUE : LEVELS.indexOf(logLevel);
        this.toolName = toolName;
        this.capabilities = capabilities;
        this.answers = answers;
    }

    /**
     * Answers the action's request to the client from the answers the client sent, or stops the
     * action so that the call answers {@code input_required}. A request's key names it (see the
     * runner's ClientRequests), so the answer finds the request when the action runs again. Only
     * what this request's client declared is asked for.
     */
    @Override
    public JsonNode ask(ClientRequest request) {
        return askAll(List.of(request)).getFirst();
    }

    /** All unanswered requests go out in one {@code input_required} round. */
    @Override
    public synchronized List<JsonNode> askAll(List<ClientRequest> requests) {
        var waiting = new java.util.ArrayList<ClientRequest>();
        for (var request : requests) {
            if (answers.get(request.key()) instanceof ObjectNode) {
                continue;
            }
            if (!capabilities.has(request.capability())) {
                unanswerable = request;
                ProgressListener.super.ask(request);
            }
            waiting.add(request);
        }
        if (!waiting.isEmpty()) {
            pending = new InputRequiredException(waiting);
            throw pending;
        }
        return requests.stream().map(request -> answers.get(request.key())).toList();
    }

    /** A request the action made that this client did not declare it can answer, or null. */
    ClientRequest unanswerable() {
        return unanswerable;
    }

    /** The question that stopped the action, or null when it asked none left unanswered. */
    InputRequiredException pendingQuestion() {
        return pending;
    }

    ObjectNode answers() {
        return answers;
    }

    /** Whether a request needs a stream rather than a single answer. */
    static boolean wanted(StatelessRequest request) {
        return request.progressToken() != null || request.logLevel() != null;
    }

    Flux<ObjectNode> messages() {
        return frames.asFlux();
    }

    @Override
    public void onProgress(double done, Double total, String message) {
        if (progressToken == null) {
            return;
        }
        var params = Json.MAPPER.createObjectNode();
        params.set("progressToken", progressToken);
        params.put("progress", done);
        if (total != null) {
            params.put("total", total);
        }
        if (message != null) {
            params.put("message", message);
        }
        emit(notification("notifications/progress", params), false);
    }

    @Override
    public void logged(String level, String message) {
        var mcpLevel = levelOf(level);
        if (LEVELS.indexOf(mcpLevel) < lowestLevel) {
            return;
        }
        var params = Json.MAPPER.createObjectNode().put("level", mcpLevel).put("logger", toolName);
        params.put("data", message);
        emit(notification("notifications/message", params), false);
    }

    /** Sends the answer and ends the stream. */
    void answer(ObjectNode message) {
        emit(message, true);
    }

    private static String levelOf(String level) {
        return switch (level == null ? "" : level.toUpperCase(Locale.ROOT)) {
            case "TRACE", "DEBUG" -> "debug";
            case "WARN", "WARNING" -> "warning";
            case "ERROR" -> "error";
            default -> "info";
        };
    }

    private static ObjectNode notification(String method, ObjectNode params) {
        var notification = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        notification.set("params", params);
        return notification;
    }

    /** Emissions come from the runner's threads and must not overlap. */
    private synchronized void emit(ObjectNode message, boolean last) {
        frames.tryEmitNext(message);
        if (last) {
            frames.tryEmitComplete();
        }
    }
}
