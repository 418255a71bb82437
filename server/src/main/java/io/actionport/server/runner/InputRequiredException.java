package io.actionport.server.runner;

/**
 * Stops an action that sent its caller a request the caller answers with another call (the
 * stateless MCP era's {@code input_required}): the call ends here and is made again with the answer.
 *
 * @see ProgressListener#ask
 */
public final class InputRequiredException extends RuntimeException {

    private final ClientRequest request;

    public InputRequiredException(ClientRequest request) {
        super("waiting for the caller's answer to " + request.method() + " " + request.key(), null, false, false);
        this.request = request;
    }

    public ClientRequest request() {
        return request;
    }
}
