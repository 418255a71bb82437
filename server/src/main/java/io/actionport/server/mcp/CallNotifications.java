package io.actionport.server.mcp;

import io.actionport.server.runner.ClientRequest;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Forwards what a running tool call reports to the client that waits for its answer: progress as
 * {@code notifications/progress} when the call sent a progress token, and each log line as
 * {@code notifications/message}, named after the tool, which the SDK drops below the level the
 * session asked for with {@code logging/setLevel}.
 */
final class CallNotifications implements ProgressListener {

    /** How long a human may take to answer; the action's own timeout usually ends the wait first. */
    private static final java.time.Duration ANSWER_TIMEOUT = java.time.Duration.ofMinutes(10);

    private final McpAsyncServerExchange exchange;
    private final Object progressToken;
    private final String toolName;

    private CallNotifications(McpAsyncServerExchange exchange, Object progressToken, String toolName) {
        this.exchange = exchange;
        this.progressToken = progressToken;
        this.toolName = toolName;
    }

    /** What a prompt being rendered asks its session's client. */
    static ProgressListener of(McpAsyncServerExchange exchange, String promptName) {
        return new CallNotifications(exchange, null, promptName);
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

    /**
     * A session's client that declared the capability gets the request ({@code elicitation/create},
     * {@code sampling/createMessage} or {@code roots/list}) on the call's stream, and the action waits.
     */
    @Override
    public JsonNode ask(ClientRequest request) {
        var capabilities = exchange.getClientCapabilities();
        var declared = capabilities != null
                && switch (request.capability()) {
                    case "elicitation" -> capabilities.elicitation() != null;
                    case "sampling" -> capabilities.sampling() != null;
                    case "roots" -> capabilities.roots() != null;
                    default -> false;
                };
        if (!declared) {
            return ProgressListener.super.ask(request);
        }
        Object result = switch (request.method()) {
            case "elicitation/create" ->
                exchange.createElicitation(
                                Json.MAPPER.convertValue(request.params(), McpSchema.ElicitFormRequest.class))
                        .block(ANSWER_TIMEOUT);
            case "sampling/createMessage" ->
                exchange.createMessage(Json.MAPPER.convertValue(request.params(), McpSchema.CreateMessageRequest.class))
                        .block(ANSWER_TIMEOUT);
            default -> exchange.listRoots().block(ANSWER_TIMEOUT);
        };
        return Json.MAPPER.valueToTree(result);
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
