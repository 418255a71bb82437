package io.actionport.sdk;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An argument of a {@link Prompt}.
 *
 * @param name e.g. {@code severity}
 * @param description what to give, for the user filling it in
 * @param required whether the prompt needs it
 * @param values the only values it takes, offered as completions; empty for free text
 */
public record PromptArgument(String name, String description, boolean required, List<String> values) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");

    public PromptArgument {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("prompt argument name '" + name + "' must match " + NAME.pattern());
        }
        values = List.copyOf(values);
    }

    /** An argument the prompt needs. */
    public static PromptArgument required(String name, String description) {
        return new PromptArgument(name, description, true, List.of());
    }

    /** An argument the prompt can do without. */
    public static PromptArgument optional(String name, String description) {
        return new PromptArgument(name, description, false, List.of());
    }

    /** This argument, taking only {@code values}. */
    public PromptArgument withValues(String... values) {
        return new PromptArgument(name, description, required, List.of(values));
    }
}
