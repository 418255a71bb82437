package io.actionport.server.runner;

import tools.jackson.databind.node.ObjectNode;

/**
 * Stops an action that asked a question its caller will answer on another request (the stateless
 * MCP era's {@code input_required}): the call ends here and is made again with the answer.
 *
 * @see ProgressListener#elicit
 */
public final class InputRequiredException extends RuntimeException {

    private final String key;
    private final String question;
    private final ObjectNode requestedSchema;

    public InputRequiredException(String key, String question, ObjectNode requestedSchema) {
        super("waiting for the caller's answer to: " + question, null, false, false);
        this.key = key;
        this.question = question;
        this.requestedSchema = requestedSchema;
    }

    public String key() {
        return key;
    }

    public String question() {
        return question;
    }

    public ObjectNode requestedSchema() {
        return requestedSchema;
    }
}
