package io.actionport.server.mcp;

import io.actionport.server.auth.Principal;
import io.actionport.server.mcp.stateless.ToolAnswer;
import io.actionport.server.mcp.stateless.ToolSurface;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.TaskRequestStore;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The tools and executions of one environment, integration scope and key, for stateless requests. */
final class StatelessTools implements ToolSurface {

    private final String environment;
    private final String integration;
    private final EnvironmentTools tools;
    private final ToolRunner runner;
    private final Principal principal;

    StatelessTools(
            String environment, String integration, EnvironmentTools tools, ToolRunner runner, Principal principal) {
        this.environment = environment;
        this.integration = integration;
        this.tools = tools;
        this.runner = runner;
        this.principal = principal;
    }

    /** The bundles' prompts, resources and completions for the same scope and key. */
    @Override
    public OfferingsPort offerings() {
        return new OfferingsPort(tools.offerings(), integration, principal);
    }

    @Override
    public String callerId() {
        return principal == null ? "local-operator" : principal.environment() + "/" + principal.keyId();
    }

    @Override
    public Optional<McpSchema.Tool> tool(String toolName) {
        return tools.tool(toolName);
    }

    @Override
    public boolean requiresTasks(String toolName) {
        return tools.requiresTasks(toolName);
    }

    @Override
    public List<McpSchema.Tool> tools() {
        return tools.tools();
    }

    @Override
    public Mono<ToolAnswer> call(
            String toolName,
            JsonNode arguments,
            String connectionId,
            ProgressListener progress,
            String taskCapabilities) {
        return tools.answer(
                toolName,
                arguments,
                new SessionScope(integration, connectionId, principal),
                progress,
                taskCapabilities);
    }

    @Override
    public Mono<List<TaskRequestStore.TaskRequest>> taskRequests(String executionId) {
        return runner.taskRequests(executionId);
    }

    @Override
    public Mono<Boolean> answerTask(String executionId, String key, String answer) {
        return runner.answerTask(executionId, key, answer);
    }

    @Override
    public Mono<Optional<ObjectNode>> readExecution(String uri) {
        return runner.view(environment, EnvironmentTools.executionId(uri), principal);
    }

    @Override
    public Mono<Optional<ExecutionRecord>> execution(String executionId) {
        return runner.find(environment, executionId, principal);
    }

    @Override
    public McpSchema.CallToolResult resultOf(ExecutionRecord finished) {
        return ToolResults.of(ExecutionOutcome.of(finished));
    }

    @Override
    public Mono<Boolean> cancel(String executionId) {
        return runner.cancel(environment, executionId);
    }
}
