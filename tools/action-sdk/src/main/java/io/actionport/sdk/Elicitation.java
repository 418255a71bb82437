package io.actionport.sdk;

/**
 * The caller's answer to {@link ActionContext#elicit}: whether the human accepted, declined or
 * dismissed the question, and what they filled in when they accepted.
 *
 * @param outcome what the human did
 * @param content the answer, of the asked type, when {@code outcome} is {@link Outcome#ACCEPT}; else null
 */
public record Elicitation<T>(Outcome outcome, T content) {

    /** What the human did with the question. */
    public enum Outcome {
        /** Submitted the form: {@code content} holds the answer. */
        ACCEPT,
        /** Said no. */
        DECLINE,
        /** Dismissed the question without choosing. */
        CANCEL
    }

    public Elicitation {
        if (outcome == null) {
            throw new IllegalArgumentException("Elicitation: outcome is required");
        }
        if (outcome == Outcome.ACCEPT && content == null) {
            throw new IllegalArgumentException("Elicitation: an accepted answer needs its content");
        }
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPT;
    }
}
