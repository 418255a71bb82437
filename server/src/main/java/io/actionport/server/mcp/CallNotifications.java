package io.actionport.server.mcp;

import io.actionport.server.runner.ElicitationAnswer;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * Forwards what a running tool call reports to the client that waits for its answer: progress as
 * {@code notifications/progress} when the call sent a progress token, and each log line as
 * {@code notifications/message}, named after the tool, which the SDK drops below the level the
 * session asked for with {@code logging/setLevel}.
 */
final class CallNotifications implements ProgressListener {

    /** How long a human may take to answer; the action's own timeout usually ends the wait first. */
    private static final java.time.Duration ANSWER_TIMEOUT = java.time.Duration.ofMinutes(10);

    private static final tools.jackson.core.type.TypeReference<java.util.Map<String, Object>> MAP =
            new tools.jackson.core.type.TypeReference<>() {};

    private final McpAsyncServerExchange exchange;
    private final Object progressToken;
    private final String toolName;

    private CallNotifications(McpAsyncServerExchange exchange, Object progressToken, String toolName) {
        this.exchange = exchange;
        this.progressToken = progressToken;
        this.toolName = toolName;
    }

    static ProgressListener of(McpAsyncServerExchange exchange, CallToolRequest request) {
        var token = request.meta() == null ? null : request.meta().get("progressToken");
        return new CallNotifications(exchange, token, request.name());
    }

    @Override
    public void onProgress(double done, Double total, String message) {
        if (progressToken != null) {
            exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, done, total, message))
                    .subscribe();
        }
    }

    @Override
    public void logged(String level, String message) {
        exchange.loggingNotification(new McpSchema.LoggingMessageNotification(levelOf(level), toolName, message))
                .subscribe();
    }

    /** A session's client that declared elicitation is asked with {@code elicitation/create}, and the action waits. */
    @Override
    public ElicitationAnswer elicit(String key, String message, ObjectNode requestedSchema) {
        var capabilities = exchange.getClientCapabilities();
        if (capabilities == null || capabilities.elicitation() == null) {
            return ProgressListener.super.elicit(key, message, requestedSchema);
        }
        var result = exchange.createElicitation(McpSchema.ElicitRequest.builder()
                        .message(message)
                        .requestedSchema(Json.MAPPER.convertValue(requestedSchema, MAP))
                        .build())
                .block(ANSWER_TIMEOUT);
        return new ElicitationAnswer(
                result.action().name().toLowerCase(Locale.ROOT),
                result.content() == null ? null : Json.MAPPER.valueToTree(result.content()));
    }

    /** An action's level as MCP names it; one the SDK does not know is sent as info. */
    static McpSchema.LoggingLevel levelOf(String level) {
        return switch (level == null ? "" : level.toUpperCase(Locale.ROOT)) {
            case "TRACE", "DEBUG" -> McpSchema.LoggingLevel.DEBUG;
            case "WARN", "WARNING" -> McpSchema.LoggingLevel.WARNING;
            case "ERROR" -> McpSchema.LoggingLevel.ERROR;
            default -> McpSchema.LoggingLevel.INFO;
        };
    }
}
