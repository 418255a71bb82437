package io.actionport.sdk;

/**
 * One of several questions an action asks its caller's client at once with {@link
 * ActionContext#askAll}: a form for the human, a prompt for the model, or the client's roots.
 */
public sealed interface Ask {

    /** A form made of {@code type}'s fields, as {@link ActionContext#elicit(String, Class)} shows it. */
    static Ask form(String message, Class<?> type) {
        return new Form(message, type);
    }

    /** A prompt for the caller's model, as {@link ActionContext#sample} sends it. */
    static Ask sample(String prompt, int maxTokens) {
        return new Sample(prompt, maxTokens);
    }

    /** The client's roots, as {@link ActionContext#roots} lists them. */
    static Ask roots() {
        return new Roots();
    }

    record Form(String message, Class<?> type) implements Ask {}

    record Sample(String prompt, int maxTokens) implements Ask {}

    record Roots() implements Ask {}
}
