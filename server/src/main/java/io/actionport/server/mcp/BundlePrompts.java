package io.actionport.server.mcp;

import io.actionport.sdk.CallerCannotAnswerException;
import io.actionport.sdk.Content;
import io.actionport.sdk.Prompt;
import io.actionport.sdk.PromptMessage;
import io.actionport.server.Blocking;
import io.actionport.server.InternalErrors;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.runner.ClientRequests;
import io.actionport.server.runner.InputRequiredException;
import io.actionport.server.runner.ProgressListener;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The prompts the bundles of one environment offer (for a session limited to one integration, the
 * bundles of its actions): listed in name order, and rendered once their arguments are checked
 * (every required one present, enumerated ones one of their values).
 */
final class BundlePrompts {

    private final String environment;
    private final String integration;
    private final ActionRegistry registry;

    BundlePrompts(String environment, String integration, ActionRegistry registry) {
        this.environment = environment;
        this.integration = integration;
        this.registry = registry;
    }

    /** The live prompts, in name order. */
    List<Prompt> prompts() {
        return EnvironmentOfferings.visible(registry, environment, integration).stream()
                .flatMap(offered -> offered.prompts().stream())
                .sorted(Comparator.comparing(Prompt::name))
                .toList();
    }

    Optional<Prompt> find(String name) {
        return prompts().stream().filter(prompt -> prompt.name().equals(name)).findFirst();
    }

    /** The MCP description of a prompt. */
    static McpSchema.Prompt describe(Prompt prompt) {
        return new McpSchema.Prompt(
                prompt.name(),
                prompt.title(),
                prompt.description(),
                prompt.arguments().stream()
                        .map(argument -> new McpSchema.PromptArgument(
                                argument.name(), null, describe(argument), argument.required()))
                        .toList());
    }

    /**
     * Renders a prompt for given arguments.
     *
     * @return fails with {@code -32602} naming the unknown prompt, or the missing or invalid argument
     */
    Mono<McpSchema.GetPromptResult> get(String name, Map<String, ?> arguments, ProgressListener client) {
        var prompt = find(name);
        if (prompt.isEmpty()) {
            return Mono.error(invalidParams(
                    "no prompt '" + name + "' in environment " + environment + "; prompts/list shows them"));
        }
        return get(prompt.get(), arguments == null ? Map.of() : arguments, client);
    }

    /**
     * Renders a prompt the caller has already found.
     *
     * @param client who answers what the prompt asks; a stateless request's answers the prompt's
     *     questions from the request and otherwise stops it with {@code InputRequiredException}
     */
    Mono<McpSchema.GetPromptResult> get(Prompt prompt, Map<String, ?> arguments, ProgressListener client) {
        var values = new HashMap<String, String>();
        for (var argument : prompt.arguments()) {
            var value = arguments.get(argument.name());
            if (value == null || value.toString().isEmpty()) {
                if (argument.required()) {
                    return Mono.error(invalidParams("prompt '" + prompt.name() + "' needs argument '" + argument.name()
                            + "'" + oneOf(argument.values())));
                }
                continue;
            }
            if (!argument.values().isEmpty() && !argument.values().contains(value.toString())) {
                return Mono.error(invalidParams("argument '" + argument.name() + "' of prompt '" + prompt.name()
                        + "' is '" + value + "'; it must be one of: " + String.join(", ", argument.values())));
            }
            values.put(argument.name(), value.toString());
        }
        for (var given : arguments.keySet()) {
            if (prompt.arguments().stream()
                    .noneMatch(argument -> argument.name().equals(given))) {
                return Mono.error(invalidParams("prompt '" + prompt.name() + "' has no argument '" + given
                        + "'; its arguments are "
                        + prompt.arguments().stream().map(a -> a.name()).toList()));
            }
        }
        var frozen = Map.copyOf(values);
        return Blocking.call(() -> prompt.messages().apply(frozen, new ClientRequests(client)))
                .onErrorMap(
                        CallerCannotAnswerException.class,
                        e -> McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                                .message("prompt '" + prompt.name() + "' asks the client something it cannot answer: "
                                        + e.getMessage())
                                .data(Map.of("code", e.code()))
                                .build())
                .onErrorMap(
                        failure -> !(failure instanceof McpError || failure instanceof InputRequiredException),
                        failure -> {
                            var report = InternalErrors.report("prompt " + prompt.name(), failure);
                            return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                                    .message("prompt '" + prompt.name() + "' failed to render: " + report.message())
                                    .data(Map.of("error_id", report.errorId()))
                                    .build();
                        })
                .map(messages -> new McpSchema.GetPromptResult(
                        prompt.description(),
                        messages.stream().map(BundlePrompts::message).toList()));
    }

    private static McpSchema.PromptMessage message(PromptMessage message) {
        var role = message.role() == PromptMessage.Role.USER ? McpSchema.Role.USER : McpSchema.Role.ASSISTANT;
        return new McpSchema.PromptMessage(role, ToolContents.of((Content) message.content()));
    }

    private static String describe(io.actionport.sdk.PromptArgument argument) {
        var description = argument.description() == null ? "" : argument.description();
        return argument.values().isEmpty() ? description : (description + oneOf(argument.values())).trim();
    }

    private static String oneOf(List<String> values) {
        return values.isEmpty() ? "" : ", one of: " + String.join(", ", values);
    }

    static McpError invalidParams(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                .message(message)
                .build();
    }
}
