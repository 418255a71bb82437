package io.actionport.server.mcp.stateless;

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

    /**
     * @param progressToken the request's token, or null for no progress
     * @param logLevel the lowest level the request asked for, or null for no log lines
     */
    CallStream(JsonNode progressToken, String logLevel, String toolName) {
        this.progressToken = progressToken;
        this.lowestLevel = logLevel == null ? Integer.MAX_VALUE : LEVELS.indexOf(logLevel);
        this.toolName = toolName;
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
