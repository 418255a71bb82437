package io.actionport.server.mcp;

import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.DeployedAction;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
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

/**
 * The tools of one environment: one per deployed action, kept in step with the registry, each call
 * handed to the runner.
 *
 * <p>A tool is named after its action; when two integrations of the environment deploy the same
 * name, both are qualified as {@code integration.name} so neither hides the other.
 */
final class EnvironmentTools {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    private final String environment;
    private final ActionRunner runner;
    private final ActionRegistry registry;
    private final Function<McpTransportContext, SessionScope> scopes;
    private Map<String, DeployedAction> byToolName = Map.of();

    EnvironmentTools(
            String environment,
            ActionRunner runner,
            ActionRegistry registry,
            Function<McpTransportContext, SessionScope> scopes) {
        this.environment = environment;
        this.runner = runner;
        this.registry = registry;
        this.scopes = scopes;
    }

    /** The tool specifications of the environment's current actions. */
    synchronized List<AsyncToolSpecification> specifications() {
        byToolName = toolNames(registry.actions(environment));
        return byToolName.entrySet().stream()
                .map(entry -> specification(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** Brings a built server's tools in step with the registry; the server tells clients of the change. */
    Mono<Void> refresh(McpAsyncServer server) {
        return Mono.defer(() -> {
            var current = server.listTools().map(McpSchema.Tool::name).collectList();
            var wanted = specifications();
            return current.flatMap(names -> Flux.fromIterable(names)
                    .concatMap(server::removeTool)
                    .thenMany(Flux.fromIterable(wanted).concatMap(server::addTool))
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

    private AsyncToolSpecification specification(String toolName, DeployedAction action) {
        var descriptor = action.descriptor();
        var hints = descriptor.hints();
        var tool = McpSchema.Tool.builder()
                .name(toolName)
                .title(descriptor.title())
                .description(descriptor.description())
                .inputSchema(Json.MAPPER.convertValue(action.inputSchema().json(), OBJECT_MAP))
                .outputSchema(Json.MAPPER.convertValue(action.outputSchema().json(), OBJECT_MAP))
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
                progress(exchange, request));
        return Mono.fromFuture(() -> runner.submit(execution), false)
                .map(ToolResults::of)
                .onErrorResume(failure -> ToolResults.ofFailure(request.name(), failure));
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
            var name = counts.get(action.name()) > 1 ? action.integration() + "." + action.name() : action.name();
            names.put(name, action);
        }
        return Map.copyOf(names);
    }
}
