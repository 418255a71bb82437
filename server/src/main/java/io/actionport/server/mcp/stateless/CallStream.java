package io.actionport.server.mcp.stateless;

import io.actionport.server.runner.ElicitationAnswer;
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
    private final boolean canElicit;
    private final ObjectNode answers;
    private volatile InputRequiredException pending;

    /**
     * @param progressToken the request's token, or null for no progress
     * @param logLevel the lowest level the request asked for, or null for no log lines
     * @param canElicit whether the request's client declared elicitation
     * @param answers the answers to this call's questions so far, by key
     */
    CallStream(JsonNode progressToken, String logLevel, String toolName, boolean canElicit, ObjectNode answers) {
        this.progressToken = progressToken;
        this.lowestLevel = logLevel == null ? Integer.MAX_VALUE : LEVELS.indexOf(logLevel);
        this.toolName = toolName;
        this.canElicit = canElicit;
        this.answers = answers;
    }

    /**
     * Answers the action's next question from the answers the client sent, or stops the action so
     * that the call answers {@code input_required}. A question's key names its form (see the
     * runner's Elicitations), so the answer finds the question when the action runs again.
     */
    @Override
    public synchronized ElicitationAnswer elicit(String key, String message, ObjectNode requestedSchema) {
        var answer = answers.get(key);
        if (answer instanceof ObjectNode given && given.path("action").isString()) {
            return new ElicitationAnswer(given.get("action").asString(), given.get("content"));
        }
        if (!canElicit) {
            return ProgressListener.super.elicit(key, message, requestedSchema);
        }
        pending = new InputRequiredException(key, message, requestedSchema);
        throw pending;
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
