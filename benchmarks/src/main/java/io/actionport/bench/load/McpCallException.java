package io.actionport.bench.load;

/** A request that did not come back as a good result: a transport fault, an HTTP status, a JSON-RPC error. */
public final class McpCallException extends RuntimeException {

    public McpCallException(String message) {
        super(message, null, false, false);
    }
}
