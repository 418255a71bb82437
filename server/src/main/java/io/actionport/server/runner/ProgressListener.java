package io.actionport.server.runner;

import io.actionport.sdk.CallerCannotAnswerException;
import io.actionport.sdk.Content;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Receives what an execution reports while its caller waits for the answer: progress, log lines,
 * and the content of a successful attempt, e.g. to forward them as MCP notifications.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total, message) -> {};

    void onProgress(double done, Double total, String message);

    /**
     * A line the action logged, as stored: secrets redacted, cut to the per-line cap. Lines past the
     * execution's line limit are not passed on.
     *
     * @param level {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}, as the action wrote it
     */
    default void logged(String level, String message) {}

    /**
     * The content blocks of an attempt that succeeded, before its record is written; called only
     * when there are some. Lets a caller waiting on the queue get what the store does not keep.
     */
    default void succeededWith(List<Content> content) {}

    /**
     * Sends the caller's client a request (an action's {@code context.elicit}, {@code sample} or
     * {@code roots}) and waits for its result, as MCP shapes it. The default: nobody can answer.
     *
     * @throws CallerCannotAnswerException when the caller cannot answer this kind of request
     * @throws InputRequiredException when the answer comes with another request
     */
    default JsonNode ask(ClientRequest request) {
        throw new CallerCannotAnswerException(
                request.unavailableCode(),
                "this call's caller cannot answer " + request.method() + ": it came over HTTP or a job, runs in the "
                        + "background, or its MCP client did not declare " + request.capability());
    }

    /**
     * Sends several requests the action asks at once; by default one after another, so a caller
     * that can take them together (the stateless era) overrides it.
     */
    default List<JsonNode> askAll(List<ClientRequest> requests) {
        return requests.stream().map(this::ask).toList();
    }
}
