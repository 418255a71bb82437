package io.actionport.server.mcp;

import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncCompletionSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * The completion handlers of a built SDK server. The SDK takes them only in its builder, while
 * prompts and templates come and go with deploys; this reaches the server's own table so a
 * deployed prompt gets its completions. Checked when the server is built, so an SDK upgrade that
 * renames the table fails every MCP test at once, not one completion in production.
 */
final class SdkCompletions {

    private final Map<McpSchema.CompleteReference, AsyncCompletionSpecification> table;

    private SdkCompletions(Map<McpSchema.CompleteReference, AsyncCompletionSpecification> table) {
        this.table = table;
    }

    @SuppressWarnings("unchecked")
    static SdkCompletions of(McpAsyncServer server) {
        try {
            var field = McpAsyncServer.class.getDeclaredField("completions");
            field.setAccessible(true);
            return new SdkCompletions(
                    (Map<McpSchema.CompleteReference, AsyncCompletionSpecification>) field.get(server));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "this MCP SDK version keeps no completions table in McpAsyncServer; deployed prompts cannot be"
                            + " completed (SessionOfferings needs another way to register them)",
                    e);
        }
    }

    void put(AsyncCompletionSpecification specification) {
        table.put(specification.referenceKey(), specification);
    }

    void remove(McpSchema.CompleteReference ref) {
        table.remove(ref);
    }
}
