package io.actionport.server.mcp.stateless;

import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.TaskRequestStore;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the stateless era serves, for one environment, integration scope and key: the same tools,
 * executions and results the session era serves.
 */
public interface ToolSurface {

    /** Who calls: the key's id, or a fixed name for the local operator over stdio. */
    String callerId();

    /** The bundles' prompts, resources and completions for the same scope and key. */
    Offerings offerings();

    /** One tool by name, when there is one. */
    Optional<McpSchema.Tool> tool(String toolName);

    /** Whether a tool runs only as a task ({@code requireTasks}): callers that take no tasks get -32021. */
    boolean requiresTasks(String toolName);

    /** The tools, in name order. */
    List<McpSchema.Tool> tools();

    /**
     * Calls a tool. Fails with the SDK's {@code McpError} for protocol faults such as an unknown tool.
     *
     * @param connectionId the connection asked for, or null for the integration's only one
     * @param taskCapabilities for a client that takes tasks, its capabilities as JSON (a background
     *     execution may then ask it through tasks/get and tasks/update); else null
     */
    Mono<ToolAnswer> call(
            String toolName,
            JsonNode arguments,
            String connectionId,
            ProgressListener progress,
            String taskCapabilities);

    /** What a task's action asked its client, answered or not, in the order asked. */
    Mono<List<TaskRequestStore.TaskRequest>> taskRequests(String executionId);

    /** Stores the client's answer to a task's outstanding request; false when none waits by that key. */
    Mono<Boolean> answerTask(String executionId, String key, String answer);

    /** The resource view of an execution this key may see, by its resource URI. */
    Mono<Optional<ObjectNode>> readExecution(String uri);

    /** An execution this key may see. */
    Mono<Optional<ExecutionRecord>> execution(String executionId);

    /** The tool result a finished execution stands for. */
    McpSchema.CallToolResult resultOf(ExecutionRecord finished);

    /** Cancels an execution this key may see; false when it had already finished. */
    Mono<Boolean> cancel(String executionId);
}
