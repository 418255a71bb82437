package io.actionport.sdk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A prompt template an MCP client offers its user, e.g. as a slash command: a name, arguments,
 * and a function from the argument values to the messages it stands for.
 *
 * <p>The server checks the arguments before calling {@code messages}: every required one is
 * present, and one with {@link PromptArgument#values()} has one of them. Absent optional
 * arguments are missing from the map.
 *
 * @param name unique in its environment, e.g. {@code triage-issue}
 * @param title a short human title
 * @param description what the prompt is for
 * @param arguments the arguments, in the order clients show them
 * @param messages the messages for given argument values, which may ask the caller's client
 *     first (see {@link Builder#messages(BiFunction)}); called on a virtual thread
 */
public record Prompt(
        String name,
        String title,
        String description,
        List<PromptArgument> arguments,
        BiFunction<Map<String, String>, ClientQuestions, List<PromptMessage>> messages) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public Prompt {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("prompt name '" + name + "' must match " + NAME.pattern());
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("prompt " + name + " needs a description: users choose prompts by it");
        }
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(messages, "prompt " + name + ": messages");
        var seen = new HashSet<String>();
        for (var argument : arguments) {
            if (!seen.add(argument.name())) {
                throw new IllegalArgumentException(
                        "prompt " + name + " has two arguments named '" + argument.name() + "'");
            }
        }
    }

    /** Starts a prompt; {@code description} and {@code messages} are required. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a prompt; the title defaults to the name. */
    public static final class Builder {
        private final String name;
        private String title;
        private String description;
        private final List<PromptArgument> arguments = new ArrayList<>();
        private BiFunction<Map<String, String>, ClientQuestions, List<PromptMessage>> messages;

        private Builder(String name) {
            this.name = name;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder argument(PromptArgument argument) {
            arguments.add(Objects.requireNonNull(argument, "argument"));
            return this;
        }

        public Builder messages(Function<Map<String, String>, List<PromptMessage>> messages) {
            Objects.requireNonNull(messages, "prompt " + name + ": messages");
            this.messages = (arguments, client) -> messages.apply(arguments);
            return this;
        }

        /**
         * Messages that need the user's (or the client's) input first, e.g. {@code (arguments,
         * client) -> { var context = client.elicit("What context?", Context.class); ... }}: in a
         * session the client gets an {@code elicitation/create} request; in the stateless era
         * {@code prompts/get} answers {@code input_required} and the function runs again with the
         * answers when the client retries, so ask the same questions in the same order each time.
         */
        public Builder messages(BiFunction<Map<String, String>, ClientQuestions, List<PromptMessage>> messages) {
            this.messages = messages;
            return this;
        }

        public Prompt build() {
            return new Prompt(name, title == null ? name : title, description, arguments, messages);
        }
    }
}
