package io.actionport.server.mcp;

import io.actionport.sdk.Content;
import io.actionport.sdk.StaticResource;
import io.actionport.server.ActionportException;
import io.actionport.server.InternalErrors;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.BundleOfferings.BoundTemplate;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.runner.InvalidInputException;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The resources the bundles of one environment offer: static ones, read as they were shipped, and
 * templated ones, read by running their read-only action with the template's variables as its
 * input fields. A session limited to one integration sees the resources of the bundles of its
 * actions, and of their templates only those read by its actions.
 */
final class BundleResources {

    private final String environment;
    private final String integration;
    private final ActionRegistry registry;
    private final ToolRunner runner;

    BundleResources(String environment, String integration, ActionRegistry registry, ToolRunner runner) {
        this.environment = environment;
        this.integration = integration;
        this.registry = registry;
        this.runner = runner;
    }

    /** The live static resources, in URI order. */
    List<StaticResource> resources() {
        return EnvironmentOfferings.visible(registry, environment, integration).stream()
                .flatMap(offered -> offered.resources().stream())
                .sorted(Comparator.comparing(StaticResource::uri))
                .toList();
    }

    /** The live templates of this scope's actions, in template order. */
    List<BoundTemplate> templates() {
        return EnvironmentOfferings.visible(registry, environment, integration).stream()
                .flatMap(offered -> offered.templates().stream())
                .filter(bound -> integration == null || bound.integration().equals(integration))
                .sorted(Comparator.comparing(bound -> bound.template().uriTemplate()))
                .toList();
    }

    static McpSchema.Resource describe(StaticResource resource) {
        return McpSchema.Resource.builder()
                .uri(resource.uri())
                .name(resource.name())
                .title(resource.title())
                .description(resource.description())
                .mimeType(resource.mimeType())
                .build();
    }

    static McpSchema.ResourceTemplate describe(BoundTemplate bound) {
        var template = bound.template();
        return McpSchema.ResourceTemplate.builder()
                .uriTemplate(template.uriTemplate())
                .name(template.name())
                .title(template.title())
                .description(template.description())
                .mimeType("application/json")
                .build();
    }

    /** Every template a client lists: the bundles' and the execution results'. */
    List<McpSchema.ResourceTemplate> describedTemplates() {
        return Stream.concat(
                        templates().stream().map(BundleResources::describe),
                        Stream.of(EnvironmentTools.executionTemplate()))
                .toList();
    }

    /**
     * Reads a static or templated resource of the bundles; empty when no resource or template of
     * this scope has the URI. Fails with {@code -32602} when the action refuses the variables, and
     * {@code -32603} when it fails.
     */
    Mono<Optional<McpSchema.ReadResourceResult>> read(String uri, SessionScope scope) {
        var fixed = resources().stream().filter(r -> r.uri().equals(uri)).findFirst();
        if (fixed.isPresent()) {
            return Mono.just(Optional.of(new McpSchema.ReadResourceResult(List.of(contents(fixed.get())))));
        }
        for (var bound : templates()) {
            var matcher = pattern(bound.template().uriTemplate()).matcher(uri);
            if (matcher.matches()) {
                return run(uri, bound, matcher, scope).map(Optional::of);
            }
        }
        return Mono.just(Optional.empty());
    }

    private Mono<McpSchema.ReadResourceResult> run(
            String uri, BoundTemplate bound, Matcher matcher, SessionScope scope) {
        var action = registry.find(environment, null, bound.action());
        if (action.isEmpty()) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                    .message("Resource not found: action " + bound.action() + ", which reads " + uri
                            + ", is not deployed in " + environment)
                    .build());
        }
        var schema = action.get().inputSchema().json();
        var input = Json.MAPPER.createObjectNode();
        var variables = bound.template().variables();
        for (int i = 0; i < variables.size(); i++) {
            var name = variables.get(i);
            var value = matcher.group(i + 1);
            var type = InputFields.type(InputFields.field(schema, name));
            try {
                // Percent-decoding only: in a URI path '+' is a plus sign, not a space.
                value = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
                switch (type) {
                    case "integer" -> input.put(name, Long.parseLong(value));
                    case "number" -> input.put(name, Double.parseDouble(value));
                    case "boolean" -> input.put(name, Boolean.parseBoolean(value));
                    default -> input.put(name, value);
                }
            } catch (IllegalArgumentException e) {
                // A bad number, or a bad percent-escape.
                return Mono.error(BundlePrompts.invalidParams("variable '" + name + "' of " + uri + " is '" + value
                        + "', not " + (type.equals("integer") ? "an integer" : "a valid " + type) + " (template "
                        + bound.template().uriTemplate() + ")"));
            }
        }
        var request = new ExecutionRequest(
                environment,
                action.get().integration(),
                action.get().name(),
                scope.connectionId(),
                input,
                Caller.MCP,
                null,
                scope.keyId(),
                scope.endUser());
        return runner.runNow(request)
                .onErrorMap(
                        InvalidInputException.class,
                        e -> BundlePrompts.invalidParams("cannot read " + uri + ": "
                                + e.violations().stream()
                                        .map(v -> v.pointer() + " " + v.message())
                                        .collect(Collectors.joining("; "))))
                // A connection or scope problem is the request's to fix, and says how, as a tool call's error does.
                .onErrorMap(
                        BundleResources::isExplained,
                        e -> McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                                .message("cannot read " + uri + ": " + e.getMessage())
                                .data(((ActionportException) e).code())
                                .build())
                .flatMap(outcome -> switch (outcome) {
                    case ExecutionOutcome.Succeeded done -> Mono.just(result(uri, done));
                    case ExecutionOutcome.Failed failed ->
                        Mono.error(McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                                .message("reading " + uri + " failed: "
                                        + failed.error().message())
                                // The execution is where its log is: it stands for the error id of a server fault.
                                .data(Map.of(
                                        "error_id", failed.executionId(),
                                        "execution_id", failed.executionId(),
                                        "code", failed.error().code()))
                                .build());
                });
    }

    private static boolean isExplained(Throwable failure) {
        return failure instanceof ActionportException known
                && !(failure instanceof InvalidInputException)
                && !InternalErrors.STORE_ERROR.equals(known.code());
    }

    /** The action's content blocks when it added some, else its output as JSON. */
    private static McpSchema.ReadResourceResult result(String uri, ExecutionOutcome.Succeeded done) {
        var blocks = done.content().stream()
                .flatMap(block -> contents(uri, block).stream())
                .toList();
        if (!blocks.isEmpty()) {
            return new McpSchema.ReadResourceResult(blocks);
        }
        return new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(uri, "application/json", json(done.output()))));
    }

    private static String json(JsonNode output) {
        return Json.MAPPER.writeValueAsString(output);
    }

    private static Optional<McpSchema.ResourceContents> contents(String uri, Content block) {
        return switch (block) {
            case Content.Text text -> Optional.of(new McpSchema.TextResourceContents(uri, "text/plain", text.text()));
            case Content.Image image ->
                Optional.of(new McpSchema.BlobResourceContents(uri, image.mimeType(), image.base64()));
            case Content.Audio audio ->
                Optional.of(new McpSchema.BlobResourceContents(uri, audio.mimeType(), audio.base64()));
            case Content.Resource resource ->
                Optional.of(
                        resource.text() != null
                                ? new McpSchema.TextResourceContents(
                                        resource.uri(), resource.mimeType(), resource.text())
                                : new McpSchema.BlobResourceContents(
                                        resource.uri(), resource.mimeType(), resource.base64()));
            // A link is not content; a client reads the linked resource itself.
            case Content.Link link -> Optional.empty();
        };
    }

    private static McpSchema.ResourceContents contents(StaticResource resource) {
        return resource.text() != null
                ? new McpSchema.TextResourceContents(resource.uri(), resource.mimeType(), resource.text())
                : new McpSchema.BlobResourceContents(resource.uri(), resource.mimeType(), resource.base64());
    }

    /** A simple template as a pattern: each variable matches one path segment. */
    static Pattern pattern(String uriTemplate) {
        var regex = new StringBuilder();
        var variable = Pattern.compile("\\{[A-Za-z0-9_]+}").matcher(uriTemplate);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(uriTemplate.substring(last, variable.start())));
            regex.append("([^/?#&=]+)");
            last = variable.end();
        }
        regex.append(Pattern.quote(uriTemplate.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
