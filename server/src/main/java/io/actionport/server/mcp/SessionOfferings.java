package io.actionport.server.mcp;

import io.actionport.sdk.Prompt;
import io.actionport.sdk.StaticResource;
import io.actionport.server.registry.BundleOfferings.BoundTemplate;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The bundles' prompts, resources and completions on a session-era SDK server: specifications for
 * its builder, then, after each deploy, the additions and removals that bring it in step. The SDK
 * announces each change; the transport folds a deploy's changes into one notification per list.
 */
final class SessionOfferings {

    private final EnvironmentOfferings offerings;
    private final Function<McpTransportContext, SessionScope> scopes;
    private Map<String, Prompt> prompts = Map.of();
    private Map<String, StaticResource> resources = Map.of();
    private Map<String, BoundTemplate> templates = Map.of();

    SessionOfferings(EnvironmentOfferings offerings, Function<McpTransportContext, SessionScope> scopes) {
        this.offerings = offerings;
        this.scopes = scopes;
    }

    /** The prompts live now, for the server's builder. */
    synchronized List<AsyncPromptSpecification> promptSpecifications() {
        prompts = byKey(offerings.prompts().prompts(), Prompt::name);
        return prompts.values().stream().map(this::specification).toList();
    }

    /** The static resources live now, for the server's builder. */
    synchronized List<AsyncResourceSpecification> resourceSpecifications() {
        resources = byKey(offerings.resources().resources(), StaticResource::uri);
        return resources.values().stream().map(this::specification).toList();
    }

    /** The resource templates live now, for the server's builder. */
    synchronized List<AsyncResourceTemplateSpecification> templateSpecifications() {
        templates = byKey(
                offerings.resources().templates(), bound -> bound.template().uriTemplate());
        return templates.values().stream().map(this::specification).toList();
    }

    /** Completions of the prompts and templates live now, and of the execution template. */
    synchronized List<AsyncCompletionSpecification> completionSpecifications() {
        var specifications = new ArrayList<AsyncCompletionSpecification>();
        specifications.add(completion(new McpSchema.ResourceReference(
                EnvironmentTools.executionTemplate().uriTemplate())));
        prompts.keySet().forEach(name -> specifications.add(completion(new McpSchema.PromptReference(name))));
        templates.keySet().forEach(uri -> specifications.add(completion(new McpSchema.ResourceReference(uri))));
        return specifications;
    }

    /** Brings a built server in step with the registry: adds what is new or redeployed, removes what went. */
    Mono<Void> refresh(McpAsyncServer server) {
        return Mono.defer(() -> {
            var changes = changes(server);
            return Flux.concat(changes).then();
        });
    }

    private synchronized List<Mono<Void>> changes(McpAsyncServer server) {
        var completionsOf = SdkCompletions.of(server);
        var changes = new ArrayList<Mono<Void>>();
        var nextPrompts = byKey(offerings.prompts().prompts(), Prompt::name);
        nextPrompts.forEach((name, prompt) -> {
            if (prompts.get(name) != prompt) {
                completionsOf.put(completion(new McpSchema.PromptReference(name)));
                changes.add(server.addPrompt(specification(prompt)));
            }
        });
        prompts.keySet().stream().filter(name -> !nextPrompts.containsKey(name)).forEach(name -> {
            completionsOf.remove(new McpSchema.PromptReference(name));
            changes.add(server.removePrompt(name));
        });
        var nextResources = byKey(offerings.resources().resources(), StaticResource::uri);
        nextResources.forEach((uri, resource) -> {
            if (resources.get(uri) != resource) {
                changes.add(server.addResource(specification(resource)));
            }
        });
        resources.keySet().stream()
                .filter(uri -> !nextResources.containsKey(uri))
                .forEach(uri -> changes.add(server.removeResource(uri)));
        var nextTemplates = byKey(
                offerings.resources().templates(), bound -> bound.template().uriTemplate());
        nextTemplates.forEach((uri, bound) -> {
            if (!bound.equals(templates.get(uri))) {
                completionsOf.put(completion(new McpSchema.ResourceReference(uri)));
                changes.add(server.addResourceTemplate(specification(bound)));
            }
        });
        var goneTemplates = templates.keySet().stream()
                .filter(uri -> !nextTemplates.containsKey(uri))
                .toList();
        goneTemplates.forEach(uri -> {
            completionsOf.remove(new McpSchema.ResourceReference(uri));
            changes.add(server.removeResourceTemplate(uri));
        });
        if (!goneTemplates.isEmpty()) {
            // The SDK announces added templates but not removed ones.
            changes.add(server.notifyResourcesListChanged());
        }
        prompts = nextPrompts;
        resources = nextResources;
        templates = nextTemplates;
        return changes;
    }

    private AsyncPromptSpecification specification(Prompt prompt) {
        return new AsyncPromptSpecification(
                BundlePrompts.describe(prompt),
                (exchange, request) -> offerings
                        .prompts()
                        .get(prompt.name(), request.arguments(), CallNotifications.of(exchange, prompt.name())));
    }

    private AsyncResourceSpecification specification(StaticResource resource) {
        return new AsyncResourceSpecification(BundleResources.describe(resource), this::read);
    }

    private AsyncResourceTemplateSpecification specification(BoundTemplate bound) {
        return new AsyncResourceTemplateSpecification(BundleResources.describe(bound), this::read);
    }

    private Mono<McpSchema.ReadResourceResult> read(
            McpAsyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
        return offerings
                .resources()
                .read(request.uri(), scopes.apply(exchange.transportContext()))
                .flatMap(found -> found.map(Mono::just).orElseGet(() -> Mono.error(notFound(request.uri()))));
    }

    private AsyncCompletionSpecification completion(McpSchema.CompleteReference ref) {
        return new AsyncCompletionSpecification(
                ref,
                (exchange, request) -> offerings
                        .completions()
                        .complete(
                                request.ref(),
                                request.argument().name(),
                                request.argument().value(),
                                scopes.apply(exchange.transportContext())));
    }

    static McpError notFound(String uri) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                .message("Resource not found: " + uri)
                .build();
    }

    private static <T> Map<String, T> byKey(List<T> values, Function<T, String> key) {
        var map = new LinkedHashMap<String, T>();
        values.forEach(value -> map.put(key.apply(value), value));
        return map;
    }
}
