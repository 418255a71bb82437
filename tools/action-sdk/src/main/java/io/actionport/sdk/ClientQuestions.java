package io.actionport.sdk;

/**
 * Questions an action (or a prompt) asks the client of whoever called it: a form for the human, a
 * prompt for the model, the client's roots. How they travel depends on the MCP era; callers that
 * cannot answer (HTTP, jobs, background runs, clients without the capability) make them throw
 * {@link CallerCannotAnswerException}.
 */
public interface ClientQuestions {

    /**
     * Asks the human behind the caller to fill in a small form and waits for the answer, e.g. a
     * confirmation before a destructive step: {@code context.elicit("Delete 42 issues?", Confirm.class)}.
     * The form's fields are {@code type}'s components, each a string, number, integer, boolean or
     * enum (an MCP elicitation schema is flat). Over MCP sessions (2025-11-25) this is an
     * {@code elicitation/create} request; in the stateless era (2026-07-28) the tool call answers
     * {@code input_required} and the client calls again with the answer, which runs the action again
     * from the start: ask before doing anything with a side effect, and ask the same questions in the
     * same order each time.
     *
     * @throws CallerCannotAnswerException when no human can answer (HTTP, background runs, or a
     *     client without elicitation)
     */
    <T> Elicitation<T> elicit(String message, Class<T> type);

    /**
     * Asks like {@link #elicit(String, Class)}, with the form given as MCP's elicitation schema
     * itself (an object schema of string, number, integer, boolean, enum and multi-select
     * properties, titled enums included), for forms a record cannot say. The answer's content is
     * checked against the schema and returned as a map. Its key in the stateless era is the schema's
     * {@code title} in snake case, or {@code form}.
     *
     * @throws CallerCannotAnswerException when no human can answer
     */
    Elicitation<java.util.Map<String, Object>> elicit(String message, java.util.Map<String, Object> requestedSchema);

    /**
     * Asks several questions at once (forms, model prompts, roots): a client of the stateless era
     * gets them in one {@code input_required} round instead of one round each; a session client
     * gets them one after another.
     *
     * @throws CallerCannotAnswerException when the caller cannot answer one of them
     */
    Answers askAll(Ask... questions);

    /**
     * Asks the human to confirm {@code message} (a yes-or-no form) and says whether they did.
     *
     * @throws CallerCannotAnswerException when no human can answer
     */
    default boolean confirm(String message) {
        var answer = elicit(message, Confirmation.class);
        return answer.accepted() && Boolean.TRUE.equals(answer.content().confirm());
    }

    /**
     * Asks the caller's model to answer {@code prompt} (MCP sampling), e.g. to summarize text for
     * the output, and waits for it. Asked like {@link #elicit} in each protocol era; keep it
     * minimal: the stateless era of MCP deprecates sampling.
     *
     * @throws CallerCannotAnswerException when the caller cannot sample
     */
    Sampled sample(String prompt, int maxTokens);

    /**
     * The roots (directories or other URIs) the caller's client works in, asked like {@link #elicit}.
     *
     * @throws CallerCannotAnswerException when the caller's client exposes no roots
     */
    java.util.List<Root> roots();

    /** The form {@link #confirm} shows. */
    record Confirmation(@Description("Check to go ahead.") Boolean confirm) {}
}
