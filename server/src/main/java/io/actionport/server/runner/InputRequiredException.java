package io.actionport.server.runner;

import java.util.List;

/**
 * Stops an action that sent its caller a request the caller answers with another call (the
 * stateless MCP era's {@code input_required}): the call ends here and is made again with the answer.
 *
 * @see ProgressListener#ask
 */
public final class InputRequiredException extends RuntimeException {

    private final List<ClientRequest> requests;

    public InputRequiredException(List<ClientRequest> requests) {
        super(
                "waiting for the caller's answers to "
                        + requests.stream().map(ClientRequest::key).toList(),
                null,
                false,
                false);
        this.requests = List.copyOf(requests);
    }

    /** What the caller is asked, all in one round. */
    public List<ClientRequest> requests() {
        return requests;
    }
}
