package io.actionport.server.mcp;

import io.actionport.server.auth.Principal;
import io.actionport.server.mcp.stateless.Offerings;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bundles' prompts, resources and completions for the stateless era, with JSON results in the
 * wire shapes of MCP: one environment, integration scope and key, as {@link StatelessTools}
 * serves its tools. Protocol faults fail the {@code Mono} with the SDK's {@code McpError}, whose
 * code is the JSON-RPC error code to send: {@code -32602} for an unknown prompt or a missing or
 * invalid argument, {@code -32002} for an unknown resource template in a completion, {@code -32603}
 * when a resource's action failed.
 */
public final class OfferingsPort implements Offerings {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    private final EnvironmentOfferings offerings;
    private final String integration;
    private final Principal principal;

    OfferingsPort(EnvironmentOfferings offerings, String integration, Principal principal) {
        this.offerings = offerings;
        this.integration = integration;
        this.principal = principal;
    }

    /** The result of {@code resources/list}: {@code {"resources": [...]}}. */
    @Override
    public ObjectNode listResources() {
        return json(new McpSchema.ListResourcesResult(
                offerings.resources().resources().stream()
                        .map(BundleResources::describe)
                        .toList(),
                null));
    }

    /** The result of {@code resources/templates/list}, the execution template included. */
    @Override
    public ObjectNode listResourceTemplates() {
        return json(
                new McpSchema.ListResourceTemplatesResult(offerings.resources().describedTemplates(), null));
    }

    /**
     * The result of {@code resources/read} for a static or templated resource of the bundles; empty
     * when none has the URI (execution results are read through {@code ToolSurface.readExecution}).
     *
     * @param connectionId the connection a templated read's action uses, or null for the only one
     */
    @Override
    public Mono<Optional<ObjectNode>> readResource(String uri, String connectionId) {
        return offerings.resources().read(uri, scope(connectionId)).map(found -> found.map(OfferingsPort::json));
    }

    /** The result of {@code prompts/list}. */
    @Override
    public ObjectNode listPrompts() {
        return json(new McpSchema.ListPromptsResult(
                offerings.prompts().prompts().stream()
                        .map(BundlePrompts::describe)
                        .toList(),
                null));
    }

    /**
     * The result of {@code prompts/get}.
     *
     * @param arguments the request's {@code arguments} object, or null
     * @param client who answers what the prompt asks
     */
    @Override
    public Mono<ObjectNode> getPrompt(String name, JsonNode arguments, ProgressListener client) {
        Map<String, Object> values =
                arguments == null || arguments.isNull() ? Map.of() : Json.MAPPER.convertValue(arguments, OBJECT_MAP);
        return offerings.prompts().get(name, values, client).map(OfferingsPort::json);
    }

    /**
     * The result of {@code completion/complete}.
     *
     * @param params the request's params: {@code ref} ({@code ref/prompt} with {@code name}, or
     *     {@code ref/resource} with {@code uri}) and {@code argument} ({@code name}, {@code value})
     */
    @Override
    public Mono<ObjectNode> complete(JsonNode params) {
        McpSchema.CompleteRequest request;
        try {
            request = McpServers.JSON.convertValue(params, McpSchema.CompleteRequest.class);
        } catch (RuntimeException e) {
            return Mono.error(BundlePrompts.invalidParams(
                    "completion/complete needs ref (ref/prompt with name, or ref/resource with uri) and argument"
                            + " (name, value)"));
        }
        return offerings
                .completions()
                .complete(
                        request.ref(),
                        request.argument().name(),
                        request.argument().value(),
                        scope(null))
                .map(OfferingsPort::json);
    }

    private SessionScope scope(String connectionId) {
        return new SessionScope(integration, connectionId, principal);
    }

    private static ObjectNode json(Object result) {
        return Json.MAPPER.valueToTree(result);
    }
}
