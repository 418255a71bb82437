package io.actionport.server.mcp.stateless;

import io.actionport.server.store.ExecutionRecord;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** How a tool call ended for its caller: with its result, or accepted to go on in the background. */
public sealed interface ToolAnswer {

    /** The call's result. */
    record Finished(CallToolResult result) implements ToolAnswer {}

    /**
     * The execution goes on after the answer; {@code link} is the result that points to it for
     * clients that take no tasks.
     */
    record Accepted(ExecutionRecord execution, CallToolResult link) implements ToolAnswer {}
}
