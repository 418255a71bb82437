package io.actionport.server.runner;

import io.actionport.sdk.Content;
import io.actionport.sdk.ElicitationUnavailableException;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

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
     * Asks the human behind the caller to fill in a form (an action's {@code context.elicit}), and
     * waits for the answer. The default: nobody can answer.
     *
     * @param key names the question within the call: the same question gets the same key each time
     *     the action runs
     * @param requestedSchema MCP's flat form schema
     * @throws io.actionport.sdk.ElicitationUnavailableException when no human can answer
     * @throws InputRequiredException when the answer comes with another request
     */
    default ElicitationAnswer elicit(String key, String message, ObjectNode requestedSchema) {
        throw new ElicitationUnavailableException("no human can answer this call's question (\"" + message
                + "\"): it came over HTTP or a job, runs in the background, or its MCP client takes no elicitation");
    }
}
