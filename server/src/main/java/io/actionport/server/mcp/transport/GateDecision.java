package io.actionport.server.mcp.transport;

import java.util.Map;
import java.util.Objects;

/** The answer of an {@link McpRequestGate}: let the request through, or refuse it. */
public sealed interface GateDecision {

    /** Lets the request through without adding anything to its transport context. */
    static GateDecision allow() {
        return new Allow(Map.of());
    }

    /**
     * Lets the request through and exposes values to MCP handlers.
     *
     * @param attributes values added to the request's {@code McpTransportContext}, for instance the
     *     authenticated principal; they take precedence over the context extractor's values
     */
    static GateDecision allow(Map<String, Object> attributes) {
        return new Allow(attributes);
    }

    /**
     * Refuses the request.
     *
     * @param status the HTTP status, 400 to 599 (typically 401 or 403)
     * @param message a human-readable reason, sent as the JSON-RPC error message
     */
    static GateDecision reject(int status, String message) {
        return new Reject(status, message, Map.of());
    }

    /**
     * Refuses the request with extra response headers.
     *
     * @param status the HTTP status, 400 to 599
     * @param message a human-readable reason, sent as the JSON-RPC error message
     * @param headers response headers, e.g. {@code WWW-Authenticate} as MCP authorization requires
     *     on a 401
     */
    static GateDecision reject(int status, String message, Map<String, String> headers) {
        return new Reject(status, message, headers);
    }

    /**
     * A decision to let the request through.
     *
     * @param attributes values to add to the request's transport context
     */
    record Allow(Map<String, Object> attributes) implements GateDecision {

        /** Copies the attributes so later changes to the caller's map cannot leak in. */
        public Allow {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * A decision to answer the request with an error instead of processing it.
     *
     * @param status the HTTP status, 400 to 599
     * @param message the reason sent to the client
     * @param headers extra response headers
     */
    record Reject(int status, String message, Map<String, String> headers) implements GateDecision {

        /** Validates the status so that a rejection can never be mistaken for a success. */
        public Reject {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("A rejection needs a 4xx or 5xx status, got " + status);
            }
            Objects.requireNonNull(message, "message");
            headers = Map.copyOf(headers);
        }
    }
}
