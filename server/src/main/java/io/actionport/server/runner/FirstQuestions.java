package io.actionport.server.runner;

import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.CallerCannotAnswerException;
import io.actionport.server.store.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a background action asks before its task is created ({@code askBeforeRunning}): asked
 * through the caller's client, its answer checked as the action's own question would check it, and
 * handed back to be stored with the task, where the action's same question finds it answered.
 */
public final class FirstQuestions {

    /** A request and the client's answer to it. */
    public record Answered(ClientRequest request, JsonNode answer) {}

    private FirstQuestions() {}

    /**
     * Asks the action's first question, if it has one, through {@code caller}.
     *
     * @return the requests asked with their answers; empty when the action asks nothing first
     * @throws InputRequiredException when the client answers in another round (the stateless era)
     * @throws CallerCannotAnswerException when the client cannot answer this kind of question
     * @throws io.actionport.sdk.ActionException when the answer does not fit the question
     */
    @SuppressWarnings("unchecked")
    public static List<Answered> ask(PreparedExecution prepared, ProgressListener caller) {
        var descriptor = (ActionDescriptor<Object, ?>) prepared.action().descriptor();
        if (descriptor.firstQuestion() == null) {
            return List.of();
        }
        var input = Json.MAPPER.treeToValue(prepared.input(), descriptor.inputType());
        var question = descriptor.firstQuestion().apply(input);
        var asked = new ArrayList<Answered>();
        ProgressListener recording = new ProgressListener() {
            @Override
            public void onProgress(double done, Double total, String message) {}

            @Override
            public List<JsonNode> askAll(List<ClientRequest> requests) {
                var answers = caller.askAll(requests);
                for (int i = 0; i < requests.size(); i++) {
                    asked.add(new Answered(requests.get(i), answers.get(i)));
                }
                return answers;
            }

            @Override
            public JsonNode ask(ClientRequest request) {
                return askAll(List.of(request)).getFirst();
            }
        };
        new ClientRequests(recording).askAll(question);
        return List.copyOf(asked);
    }
}
