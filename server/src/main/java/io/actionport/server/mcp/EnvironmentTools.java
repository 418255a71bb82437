package io.actionport.server.mcp;

import io.actionport.sdk.ExecutionMode;
import io.actionport.server.mcp.stateless.ToolAnswer;
import io.actionport.server.oauth.BearerRefusal;
import io.actionport.server.oauth.ToolScopes;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
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
    private final EnvironmentOfferings offerings;
    private final SessionOfferings sessionOfferings;
    private final ToolScopes.Grant grant;
    private Map<String, DeployedAction> byToolName = Map.of();

    EnvironmentTools(
            String environment,
            String integration,
            ToolRunner tools,
            ActionRegistry registry,
            Function<McpTransportContext, SessionScope> scopes,
            ToolScopes.Grant grant) {
        this.environment = environment;
        this.grant = grant;
        this.integration = integration;
        this.tools = tools;
        this.registry = registry;
        this.scopes = scopes;
        this.offerings = EnvironmentOfferings.of(environment, integration, registry, tools);
        this.sessionOfferings = new SessionOfferings(offerings, scopes);
    }

    /** The bundles' prompts, resources and completions beside the tools. */
    EnvironmentOfferings offerings() {
        return offerings;
    }

    /** The same, as a session-era server registers them. */
    SessionOfferings sessionOfferings() {
        return sessionOfferings;
    }

    /** The tool specifications of the environment's current actions, in name order. */
    synchronized List<AsyncToolSpecification> specifications() {
        byToolName = currentTools();
        return byToolName.entrySet().stream()
                .map(entry -> specification(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** The tools of the environment's current actions, in name order, as a stateless request sees them. */
    List<McpSchema.Tool> tools() {
        return currentTools().entrySet().stream()
                .filter(entry -> mayCall(entry.getValue()))
                .map(entry -> tool(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** One tool of the environment's current actions, without building the others. */
    java.util.Optional<McpSchema.Tool> tool(String toolName) {
        return java.util.Optional.ofNullable(currentTools().get(toolName)).map(action -> tool(toolName, action));
    }

    /**
     * The refusal of a call to a tool the caller's OAuth scopes do not grant, if this is one: the
     * door answers it with 403 and a step-up challenge before any MCP processing.
     */
    java.util.Optional<BearerRefusal> refusal(String toolName) {
        return java.util.Optional.ofNullable(currentTools().get(toolName))
                .filter(action -> !mayCall(action))
                .map(action -> refusal(toolName, action));
    }

    private boolean mayCall(DeployedAction action) {
        return grant.mayCall(action.integration(), action.descriptor().hints().readOnly());
    }

    private BearerRefusal refusal(String toolName, DeployedAction action) {
        return grant.refusal(
                toolName, action.integration(), action.descriptor().hints().readOnly());
    }

    /** A refused tool call as the protocol reports it where no 403 can be answered any more. */
    private static McpError scopeError(BearerRefusal refusal) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                .message(refusal.getMessage())
                .data(java.util.Map.of("error", "insufficient_scope", "scope", refusal.scope()))
                .build();
    }

    /** Whether a tool's action runs only as a task. */
    boolean requiresTasks(String toolName) {
        var action = currentTools().get(toolName);
        return action != null && action.descriptor().tasksRequired();
    }

    /**
     * Calls a tool by name for a stateless request: the tools are looked up afresh, so a deploy on
     * any node is seen by the next request.
     */
    Mono<ToolAnswer> answer(
            String toolName,
            JsonNode arguments,
            SessionScope scope,
            ProgressListener progress,
            String taskCapabilities) {
        var action = currentTools().get(toolName);
        if (action == null) {
            return Mono.error(ToolResults.unknownTool(
                    toolName,
                    "no tool '" + toolName + "' in environment '" + environment + "'; tools/list shows them"));
        }
        if (!mayCall(action)) {
            return Mono.error(scopeError(refusal(toolName, action)));
        }
        return tools.answer(execution(action, arguments, scope, progress), action, taskCapabilities)
                .onErrorResume(
                        failure -> ToolResults.ofFailure(toolName, failure).map(ToolAnswer.Finished::new));
    }

    private SortedMap<String, DeployedAction> currentTools() {
        return toolNames(registry.actions(environment).stream()
                .filter(action -> integration == null || action.integration().equals(integration))
                .toList());
    }

    /**
     * Brings a built server's tools, prompts and resources in step with the registry; the server
     * tells clients of the change.
     */
    Mono<Void> refresh(McpAsyncServer server) {
        return refreshTools(server).then(sessionOfferings.refresh(server));
    }

    private Mono<Void> refreshTools(McpAsyncServer server) {
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
                && mayCall(action)
                && (scope.integration() == null || scope.integration().equals(action.integration())));
    }

    /** The {@code actionport://executions/{id}} template of execution result resources. */
    static McpSchema.ResourceTemplate executionTemplate() {
        return McpSchema.ResourceTemplate.builder()
                .uriTemplate(ToolResults.EXECUTION_URI_PREFIX + "{id}")
                .name("execution")
                .title("Execution result")
                .description(
                        "Status of an execution, then its output or error. Subscribe to be notified when it finishes.")
                .mimeType("application/json")
                .build();
    }

    /** The execution id a result resource URI names, or an empty string when it names none. */
    static String executionId(String uri) {
        return uri.startsWith(ToolResults.EXECUTION_URI_PREFIX)
                ? uri.substring(ToolResults.EXECUTION_URI_PREFIX.length())
                : "";
    }

    /** The {@code actionport://executions/{id}} template, read as the execution's JSON view. */
    AsyncResourceTemplateSpecification executionResources() {
        var template = executionTemplate();
        return new AsyncResourceTemplateSpecification(template, (exchange, request) -> {
            var uri = request.uri();
            var id = executionId(uri);
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
        return AsyncToolSpecification.builder()
                .tool(tool(toolName, action))
                .callHandler((exchange, request) -> call(exchange, request, action))
                .build();
    }

    private static McpSchema.Tool tool(String toolName, DeployedAction action) {
        var descriptor = action.descriptor();
        var hints = descriptor.hints();
        return McpSchema.Tool.builder()
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
        if (!mayCall(action)) {
            return Mono.error(scopeError(refusal(request.name(), action)));
        }
        var arguments = request.arguments() == null ? null : Json.MAPPER.<JsonNode>valueToTree(request.arguments());
        return tools.call(execution(action, arguments, scope, CallNotifications.of(exchange, request)), action)
                .onErrorResume(failure -> ToolResults.ofFailure(request.name(), failure));
    }

    private ExecutionRequest execution(
            DeployedAction action, JsonNode arguments, SessionScope scope, ProgressListener progress) {
        return new ExecutionRequest(
                environment,
                action.integration(),
                action.name(),
                scope.connectionId(),
                arguments == null || arguments.isNull() ? null : arguments,
                Caller.MCP,
                progress,
                scope.keyId(),
                scope.endUser());
    }

    /**
     * The tool names of the scope's actions. A name depends only on the action and the scope, never
     * on what else is deployed, so no deploy renames a tool under a connected client: a scope of one
     * integration (a {@code Provider-Config-Key}) sees plain action names; a scope of every
     * integration sees {@code integration_action}.
     */
    private SortedMap<String, DeployedAction> toolNames(List<DeployedAction> actions) {
        var names = new TreeMap<String, DeployedAction>();
        for (var action : actions) {
            // Underscore, not dot: some model APIs accept only letters, digits, '_' and '-' in tool names.
            names.put(integration == null ? action.integration() + "_" + action.name() : action.name(), action);
        }
        return Collections.unmodifiableSortedMap(names);
    }
}
