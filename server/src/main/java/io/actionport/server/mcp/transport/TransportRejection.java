package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import java.util.Map;

/**
 * An HTTP request the transport answers with an error status and a JSON-RPC error body.
 *
 * <p>It is thrown for expected, client-caused failures only, so it carries no stack trace: the
 * message is exactly what the client reads.
 */
final class TransportRejection extends RuntimeException {

    /** JSON-RPC's implementation-defined server error, used for failures of the HTTP layer. */
    static final int SERVER_ERROR = -32000;

    /** The code MCP SDKs use for an unknown or expired session. */
    static final int SESSION_NOT_FOUND = -32001;

    private final int status;
    private final int code;
    private final transient Map<String, String> headers;
    private final transient Object id;

    TransportRejection(int status, int code, String message, Map<String, String> headers) {
        this(status, code, message, headers, null);
    }

    private TransportRejection(int status, int code, String message, Map<String, String> headers, Object id) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
        this.id = id;
    }

    /** A message {@link JsonRpcRules} refused; the answer carries its id when it had a readable one. */
    static TransportRejection refused(JsonRpcRules.Refused refused) {
        // A well-formed request with bad params is answered like any failed request, so that clients
        // hand the error to the caller waiting for that id instead of failing the transport.
        int status = refused.code() == ErrorCodes.INVALID_PARAMS && refused.id() != null ? 200 : 400;
        return new TransportRejection(status, refused.code(), refused.message(), Map.of(), refused.id());
    }

    static TransportRejection of(int status, String message) {
        return new TransportRejection(status, SERVER_ERROR, message, Map.of());
    }

    static TransportRejection parseError(String message) {
        return new TransportRejection(400, ErrorCodes.PARSE_ERROR, message, Map.of());
    }

    static TransportRejection invalidRequest(String message) {
        return new TransportRejection(400, ErrorCodes.INVALID_REQUEST, message, Map.of());
    }

    static TransportRejection invalidParams(String message) {
        return new TransportRejection(400, ErrorCodes.INVALID_PARAMS, message, Map.of());
    }

    static TransportRejection sessionNotFound() {
        return new TransportRejection(
                404,
                SESSION_NOT_FOUND,
                "Session not found: it was terminated or has expired; send a new initialize request",
                Map.of());
    }

    static TransportRejection fromGate(GateDecision.Reject reject) {
        return new TransportRejection(reject.status(), SERVER_ERROR, reject.message(), reject.headers());
    }

    static TransportRejection methodNotAllowed() {
        return new TransportRejection(
                405, SERVER_ERROR, "Method Not Allowed: use POST, GET or DELETE", Map.of("Allow", "GET, POST, DELETE"));
    }

    static TransportRejection internalError() {
        return new TransportRejection(
                500, ErrorCodes.INTERNAL_ERROR, "Internal error: the request could not be processed", Map.of());
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** This rejection, answered to the request {@code id} names (when the message could be read). */
    TransportRejection forRequest(Object requestId) {
        return requestId == null || id != null
                ? this
                : new TransportRejection(status, code, getMessage(), headers, requestId);
    }

    /** The id of the refused request, or null when it had none or could not be read. */
    Object id() {
        return id;
    }
}
