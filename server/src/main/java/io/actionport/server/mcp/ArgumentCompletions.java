package io.actionport.server.mcp;

import io.actionport.server.registry.ActionRegistry;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * Answers {@code completion/complete}: the values of a prompt argument that takes only some, the
 * values of a template variable whose action input field is an enum, and for the execution
 * template's {@code id}, the ids of the key's newest executions. Values start with what the user
 * typed (ignoring case); at most {@value #MAX} come back, with {@code hasMore} and {@code total}.
 */
final class ArgumentCompletions {

    static final int MAX = 100;

    private final String environment;
    private final BundlePrompts prompts;
    private final BundleResources resources;
    private final ActionRegistry registry;
    private final ToolRunner runner;

    ArgumentCompletions(
            String environment,
            BundlePrompts prompts,
            BundleResources resources,
            ActionRegistry registry,
            ToolRunner runner) {
        this.environment = environment;
        this.prompts = prompts;
        this.resources = resources;
        this.registry = registry;
        this.runner = runner;
    }

    /**
     * The completions of one argument.
     *
     * @return fails with {@code -32602} when the prompt or template is unknown, or lacks the argument
     */
    Mono<McpSchema.CompleteResult> complete(
            McpSchema.CompleteReference ref, String argument, String typed, SessionScope scope) {
        var prefix = typed == null ? "" : typed;
        return switch (ref) {
            case McpSchema.PromptReference prompt -> promptArgument(prompt.name(), argument, prefix);
            case McpSchema.ResourceReference resource -> templateVariable(resource.uri(), argument, prefix, scope);
            default ->
                Mono.error(BundlePrompts.invalidParams(
                        "ref type '" + ref.type() + "' cannot be completed; use ref/prompt or ref/resource"));
        };
    }

    private Mono<McpSchema.CompleteResult> promptArgument(String name, String argument, String prefix) {
        var prompt = prompts.find(name);
        if (prompt.isEmpty()) {
            return Mono.error(BundlePrompts.invalidParams("no prompt '" + name + "' in environment " + environment));
        }
        var declared = prompt.get().arguments().stream()
                .filter(a -> a.name().equals(argument))
                .findFirst();
        if (declared.isEmpty()) {
            return Mono.error(BundlePrompts.invalidParams("prompt '" + name + "' has no argument '" + argument + "'"));
        }
        return Mono.just(filtered(declared.get().values(), prefix));
    }

    private Mono<McpSchema.CompleteResult> templateVariable(
            String uriTemplate, String variable, String prefix, SessionScope scope) {
        if (uriTemplate.equals(EnvironmentTools.executionTemplate().uriTemplate())) {
            if (!variable.equals("id")) {
                return Mono.error(noVariable(uriTemplate, variable));
            }
            // One more than shown says whether there are more.
            return runner.executionIds(environment, scope.principal(), prefix, MAX + 1)
                    .map(ids -> ids.size() > MAX
                            ? result(ids.subList(0, MAX), null, true)
                            : result(ids, ids.size(), false));
        }
        var bound = resources.templates().stream()
                .filter(t -> t.template().uriTemplate().equals(uriTemplate))
                .findFirst();
        if (bound.isEmpty()) {
            return Mono.error(unknownTemplate(uriTemplate));
        }
        if (!bound.get().template().variables().contains(variable)) {
            return Mono.error(noVariable(uriTemplate, variable));
        }
        var values = registry.find(environment, null, bound.get().action())
                .map(action -> InputFields.values(
                        InputFields.field(action.inputSchema().json(), variable)))
                .orElse(List.of());
        return Mono.just(filtered(values, prefix));
    }

    private static io.modelcontextprotocol.spec.McpError unknownTemplate(String uriTemplate) {
        return io.modelcontextprotocol.spec.McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                .message("Resource not found: no resource template " + uriTemplate
                        + "; resources/templates/list shows them")
                .build();
    }

    private static io.modelcontextprotocol.spec.McpError noVariable(String uriTemplate, String variable) {
        return BundlePrompts.invalidParams("resource template " + uriTemplate + " has no variable '" + variable + "'");
    }

    private static McpSchema.CompleteResult filtered(List<String> values, String prefix) {
        var lower = prefix.toLowerCase(Locale.ROOT);
        var matching = values.stream()
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(lower))
                .toList();
        return matching.size() > MAX
                ? result(matching.subList(0, MAX), matching.size(), true)
                : result(matching, matching.size(), false);
    }

    private static McpSchema.CompleteResult result(List<String> values, Integer total, boolean hasMore) {
        return new McpSchema.CompleteResult(new CompleteCompletion(List.copyOf(values), total, hasMore));
    }
}
