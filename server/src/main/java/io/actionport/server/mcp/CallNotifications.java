package io.actionport.server.mcp;

import io.actionport.server.runner.ProgressListener;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.Locale;

/**
 * Forwards what a running tool call reports to the client that waits for its answer: progress as
 * {@code notifications/progress} when the call sent a progress token, and each log line as
 * {@code notifications/message}, named after the tool, which the SDK drops below the level the
 * session asked for with {@code logging/setLevel}.
 */
final class CallNotifications implements ProgressListener {

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
