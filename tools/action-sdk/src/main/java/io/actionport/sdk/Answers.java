package io.actionport.sdk;

import java.util.List;

/** The answers to {@link ActionContext#askAll}, in the order the questions were asked. */
public final class Answers {

    private final List<Object> answers;

    public Answers(List<Object> answers) {
        this.answers = List.copyOf(answers);
    }

    /** The answer to the {@link Ask#form} at {@code index}. */
    @SuppressWarnings("unchecked")
    public <T> Elicitation<T> form(int index, Class<T> type) {
        return (Elicitation<T>) answers.get(index);
    }

    /** The answer to the {@link Ask#sample} at {@code index}. */
    public Sampled sampled(int index) {
        return (Sampled) answers.get(index);
    }

    /** The answer to the {@link Ask#roots} at {@code index}. */
    @SuppressWarnings("unchecked")
    public List<Root> roots(int index) {
        return (List<Root>) answers.get(index);
    }
}
