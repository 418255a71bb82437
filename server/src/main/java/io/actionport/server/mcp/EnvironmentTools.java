package io.actionport.server.mcp;

import io.actionport.sdk.ExecutionMode;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.DeployedAction;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools and result resources of one environment: one tool per deployed action, kept in step
 * with the registry, each call handed to the {@link ToolRunner}.
 *
 * <p>A tool is named after its action. A session limited to one integration sees only its tools;
 * in an unlimited one, when two integrations deploy the same name, both are qualified as
 * {@code integration_name} so neither hides the other.
 */
final class EnvironmentTools {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    private final String environment;
    private final String integration;
    private final ToolRunner tools;
    private final ActionRegistry registry;
    private final Function<McpTransportContext, SessionScope> scopes;
    private Map<String, DeployedAction> byToolName = Map.of();

    EnvironmentTools(
            String environment,
            String integration,
            ToolRunner tools,
            ActionRegistry registry,
            Function<McpTransportContext, SessionScope> scopes) {
        this.environment = environment;
        this.integration = integration;
        this.tools = tools;
        this.registry = registry;
        this.scopes = scopes;
    }

    /** The tool specifications of the environment's current actions. */
    synchronized List<AsyncToolSpecification> specifications() {
        byToolName = toolNames(registry.actions(environment).stream()
                .filter(action -> integration == null || action.integration().equals(integration))
                .toList());
        return byToolName.entrySet().stream()
                .map(entry -> specification(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** Brings a built server's tools in step with the registry; the server tells clients of the change. */
    Mono<Void> refresh(McpAsyncServer server) {
        return Mono.defer(() -> {
            var current = server.listTools().map(McpSchema.Tool::name).collectList();
            var wanted = specifications();
            var wantedNames = wanted.stream().map(spec -> spec.tool().name()).collect(Collectors.toSet());
            // Add (the SDK replaces same-named tools) before removing, so a call never finds its tool missing.
            return current.flatMap(names -> Flux.fromIterable(wanted)
                    .concatMap(server::addTool)
                    .thenMany(Flux.fromIterable(names)
                            .filter(name -> !wantedNames.contains(name))
                            .concatMap(server::removeTool))
                    .then());
        });
    }

    /** Whether a tool is visible to a session: only its integration's, when it has one. */
    Mono<Boolean> isVisible(McpTransportContext context, McpSchema.Tool tool) {
        var scope = scopes.apply(context);
        var action = byToolName.get(tool.name());
        return Mono.just(action != null
                && (scope.integration() == null || scope.integration().equals(action.integration())));
    }

    /** The {@code actionport://executions/{id}} template, read as the execution's JSON view. */
    AsyncResourceTemplateSpecification executionResources() {
        var template = McpSchema.ResourceTemplate.builder()
                .uriTemplate(ToolResults.EXECUTION_URI_PREFIX + "{id}")
                .name("execution")
                .title("Execution result")
                .description(
                        "Status of an execution, then its output or error. Subscribe to be notified when it finishes.")
                .mimeType("application/json")
                .build();
        return new AsyncResourceTemplateSpecification(template, (exchange, request) -> {
            var uri = request.uri();
            var id = uri.startsWith(ToolResults.EXECUTION_URI_PREFIX)
                    ? uri.substring(ToolResults.EXECUTION_URI_PREFIX.length())
                    : "";
            return tools.view(
                            environment,
                            id,
                            scopes.apply(exchange.transportContext()).principal())
                    .flatMap(view -> view.map(json -> Mono.just(new McpSchema.ReadResourceResult(List.of(
                                    new McpSchema.TextResourceContents(uri, "application/json", json.toString())))))
                            .orElseGet(() -> Mono.error(McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                                    .message(
                                            "Resource not found: no execution " + id + " in environment " + environment)
                                    .build())));
        });
    }

    private AsyncToolSpecification specification(String toolName, DeployedAction action) {
        var descriptor = action.descriptor();
        var hints = descriptor.hints();
        var tool = McpSchema.Tool.builder()
                .name(toolName)
                .title(descriptor.title())
                .description(descriptor.description())
                .inputSchema(Json.MAPPER.convertValue(action.inputSchema().json(), OBJECT_MAP))
                .outputSchema(Json.MAPPER.convertValue(advertisedOutputSchema(action), OBJECT_MAP))
                .annotations(McpSchema.ToolAnnotations.builder()
                        .title(descriptor.title())
                        .readOnlyHint(hints.readOnly())
                        .destructiveHint(hints.destructive())
                        .idempotentHint(hints.idempotent())
                        .openWorldHint(hints.openWorld())
                        .build())
                .build();
        return AsyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> call(exchange, request, action))
                .build();
    }

    /**
     * The output schema clients check results against. A tool that may answer with a link to a
     * result still running has no required output fields, and may carry {@code execution} instead.
     */
    static ObjectNode advertisedOutputSchema(DeployedAction action) {
        var schema = action.outputSchema().json();
        if (action.descriptor().mode() == ExecutionMode.SYNC) {
            return schema;
        }
        var relaxed = schema.deepCopy();
        relaxed.remove("required");
        var execution = ((ObjectNode) relaxed.withObjectProperty("properties")).putObject("execution");
        execution.put("type", "object");
        execution.put(
                "description",
                "Present when the call answered before the execution finished: read or "
                        + "subscribe to resource_uri for the result.");
        var properties = execution.putObject("properties");
        properties.putObject("id").put("type", "string");
        properties.putObject("status").put("type", "string");
        properties.putObject("resource_uri").put("type", "string").put("format", "uri");
        return relaxed;
    }

    private Mono<CallToolResult> call(McpAsyncServerExchange exchange, CallToolRequest request, DeployedAction action) {
        var scope = scopes.apply(exchange.transportContext());
        if (scope.integration() != null && !scope.integration().equals(action.integration())) {
            return Mono.error(ToolResults.unknownTool(
                    request.name(),
                    "tool '" + request.name()
                            + "' belongs to integration '" + action.integration()
                            + "', and this session is limited to '"
                            + scope.integration() + "' (Provider-Config-Key)"));
        }
        var execution = new ExecutionRequest(
                environment,
                action.integration(),
                action.name(),
                scope.connectionId(),
                request.arguments() == null ? null : Json.MAPPER.valueToTree(request.arguments()),
                Caller.MCP,
                progress(exchange, request),
                scope.keyId());
        return tools.call(execution, action).onErrorResume(failure -> ToolResults.ofFailure(request.name(), failure));
    }

    private static ProgressListener progress(McpAsyncServerExchange exchange, CallToolRequest request) {
        var token = request.meta() == null ? null : request.meta().get("progressToken");
        if (token == null) {
            return ProgressListener.NONE;
        }
        return (done, total, message) -> exchange.progressNotification(
                        new McpSchema.ProgressNotification(token, done, total, message))
                .subscribe();
    }

    private static Map<String, DeployedAction> toolNames(List<DeployedAction> actions) {
        var counts = actions.stream().collect(Collectors.groupingBy(DeployedAction::name, Collectors.counting()));
        var names = new HashMap<String, DeployedAction>();
        for (var action : actions) {
            // Underscore, not dot: some model APIs accept only letters, digits, '_' and '-' in tool names.
            var name = counts.get(action.name()) > 1 ? action.integration() + "_" + action.name() : action.name();
            names.put(name, action);
        }
        return Map.copyOf(names);
    }
}
