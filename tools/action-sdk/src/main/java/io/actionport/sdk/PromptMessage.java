package io.actionport.sdk;

import java.util.Objects;

/**
 * One message of a rendered {@link Prompt}: who says it and what.
 *
 * @param role the user or the assistant
 * @param content text, an image, audio, or an embedded resource (a link is not a prompt message)
 */
public record PromptMessage(Role role, Content content) {

    /** Who says a message. */
    public enum Role {
        USER,
        ASSISTANT
    }

    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (content instanceof Content.Link) {
            throw new IllegalArgumentException(
                    "a prompt message cannot be a link; embed the resource with Content.resource instead");
        }
    }

    /** Text the user says. */
    public static PromptMessage user(String text) {
        return new PromptMessage(Role.USER, Content.text(text));
    }

    /** Text the assistant says. */
    public static PromptMessage assistant(String text) {
        return new PromptMessage(Role.ASSISTANT, Content.text(text));
    }

    /** Content the user gives, e.g. an image or an embedded resource. */
    public static PromptMessage user(Content content) {
        return new PromptMessage(Role.USER, content);
    }

    /** Content the assistant gives. */
    public static PromptMessage assistant(Content content) {
        return new PromptMessage(Role.ASSISTANT, content);
    }
}
