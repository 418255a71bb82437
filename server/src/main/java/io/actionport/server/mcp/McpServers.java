package io.actionport.server.mcp;

import io.actionport.server.mcp.stateless.ListenStreams;
import io.actionport.server.mcp.stateless.RequestStates;
import io.actionport.server.mcp.stateless.StatelessDispatcher;
import io.actionport.server.oauth.ToolScopes;
import io.actionport.server.registry.ActionRegistry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncListFilter;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.function.Function;

/** Builds the MCP server of one environment on either transport, with the runner as its one validator. */
final class McpServers {

    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(io.actionport.server.store.Json.REQUESTS);

    /**
     * The SDK validates tool inputs and outputs by default; the runner already did both and reports
     * violations the same way on every door, so the SDK's copy is switched off.
     */
    private static final JsonSchemaValidator RUNNER_VALIDATES = new JsonSchemaValidator() {
        @Override
        public ValidationResponse validate(java.util.Map<String, Object> schema, Object structuredContent) {
            return ValidationResponse.asValid(null);
        }
    };

    static final String INSTRUCTIONS = "Each tool is an integration action. Tool errors say which "
            + "argument is wrong and why; fix the arguments and call again.";

    private McpServers() {}

    static McpAsyncServer streamable(
            McpStreamableServerTransportProvider transport, EnvironmentTools tools, String version) {
        return configure(McpServer.async(transport), tools, version);
    }

    static McpAsyncServer stdio(McpServerTransportProvider transport, EnvironmentTools tools, String version) {
        return configure(McpServer.async(transport), tools, version);
    }

    static EnvironmentTools tools(
            String environment,
            String integration,
            ToolRunner runner,
            ActionRegistry registry,
            Function<McpTransportContext, SessionScope> scopes) {
        return tools(environment, integration, runner, registry, scopes, ToolScopes.Grant.EVERY_TOOL);
    }

    /** The same, for a caller whose OAuth scopes grant only some tools. */
    static EnvironmentTools tools(
            String environment,
            String integration,
            ToolRunner runner,
            ActionRegistry registry,
            Function<McpTransportContext, SessionScope> scopes,
            ToolScopes.Grant grant) {
        return new EnvironmentTools(environment, integration, runner, registry, scopes, grant);
    }

    /** The stateless era's dispatcher for the same tools. */
    static StatelessDispatcher stateless(
            String environment,
            StatelessTools tools,
            ListenStreams listens,
            RequestStates requestStates,
            String version) {
        return new StatelessDispatcher(environment, tools, listens, requestStates, version, INSTRUCTIONS);
    }

    private static McpAsyncServer configure(
            McpServer.AsyncSpecification<?> spec, EnvironmentTools tools, String version) {
        var offerings = tools.sessionOfferings();
        return spec.serverInfo("actionport", version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(JSON)
                .jsonSchemaValidator(RUNNER_VALIDATES)
                .validateToolInputs(false)
                .requestTimeout(Duration.ofMinutes(15))
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(true)
                        .resources(true, true)
                        .prompts(true)
                        .completions()
                        .logging()
                        .build())
                .resourceTemplates(tools.executionResources())
                .resourceTemplates(offerings.templateSpecifications())
                .resources(offerings.resourceSpecifications())
                .prompts(offerings.promptSpecifications())
                .completions(offerings.completionSpecifications())
                .addToolFilter((McpAsyncListFilter<McpSchema.Tool>) tools::isVisible)
                .tools(tools.specifications())
                .build();
    }
}
