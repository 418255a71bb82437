package io.actionport.server.mcp.transport;

import io.actionport.server.InternalErrors;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.util.Map;

/**
 * Error answers the SDK writes on its own, made fit for a client: an internal error loses the
 * exception messages the SDK puts in it (they are logged under an error id instead), and the SDK's
 * unknown-tool error names the tool.
 */
public final class OutboundErrors {

    private static final String SDK_UNKNOWN_TOOL = "Unknown tool: invalid_tool_name";
    private static final String SDK_TOOL_NOT_FOUND = "Tool not found: ";

    private OutboundErrors() {}

    /** The message as it may leave the server. */
    public static McpSchema.JSONRPCMessage clean(McpSchema.JSONRPCMessage message) {
        if (!(message instanceof JSONRPCResponse response) || response.error() == null) {
            return message;
        }
        var error = response.error();
        if (error.code() == ErrorCodes.INTERNAL_ERROR && !isReported(error)) {
            var report =
                    InternalErrors.report("an MCP request", new SdkFailure(error.message() + " / " + error.data()));
            return JSONRPCResponse.error(
                    response.id(),
                    new JSONRPCError(
                            ErrorCodes.INTERNAL_ERROR,
                            "Internal error: " + report.message(),
                            Map.of("error_id", report.errorId())));
        }
        if (error.code() == ErrorCodes.INVALID_PARAMS
                && SDK_UNKNOWN_TOOL.equals(error.message())
                && error.data() instanceof String data
                && data.startsWith(SDK_TOOL_NOT_FOUND)) {
            var tool = data.substring(SDK_TOOL_NOT_FOUND.length());
            return JSONRPCResponse.error(
                    response.id(), new JSONRPCError(ErrorCodes.INVALID_PARAMS, unknownTool(tool), data));
        }
        return message;
    }

    /** The sentence for a tool the caller cannot call here. */
    public static String unknownTool(String tool) {
        return "Unknown tool '" + tool + "'; tools/list shows the available tools";
    }

    private static boolean isReported(JSONRPCError error) {
        return error.data() instanceof Map<?, ?> data && data.containsKey("error_id");
    }

    /** What the SDK said about a failure, kept for the log. */
    private static final class SdkFailure extends RuntimeException {
        SdkFailure(String message) {
            super(message, null, false, false);
        }
    }
}
