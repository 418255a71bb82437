package io.actionport.server.mcp.stateless;

import tools.jackson.databind.JsonNode;

/**
 * A request answered with a JSON-RPC error, and the HTTP status the stateless era gives it (400
 * for header and envelope problems, 404 for an unknown method, 200 otherwise).
 */
final class StatelessError extends RuntimeException {

    static final int INVALID_PARAMS = -32602;
    static final int METHOD_NOT_FOUND = -32601;
    static final int HEADER_MISMATCH = -32020;
    static final int MISSING_CAPABILITY = -32021;
    static final int UNSUPPORTED_VERSION = -32022;

    private final int httpStatus;
    private final int code;
    private final transient JsonNode data;

    StatelessError(int httpStatus, int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.data = data;
    }

    static StatelessError headerMismatch(String message) {
        return new StatelessError(400, HEADER_MISMATCH, "Header mismatch: " + message, null);
    }

    static StatelessError invalidParams(String message) {
        return new StatelessError(200, INVALID_PARAMS, "Invalid params: " + message, null);
    }

    static StatelessError invalidEnvelope(String message) {
        return new StatelessError(400, INVALID_PARAMS, "Invalid params: " + message, null);
    }

    static StatelessError methodNotFound(String method, String why) {
        return new StatelessError(404, METHOD_NOT_FOUND, "Method not found: " + method + ". " + why, null);
    }

    static StatelessError missingCapability(String message, JsonNode requiredCapabilities) {
        var data = io.actionport.server.store.Json.MAPPER.createObjectNode();
        data.set("requiredCapabilities", requiredCapabilities);
        return new StatelessError(400, MISSING_CAPABILITY, message, data);
    }

    int httpStatus() {
        return httpStatus;
    }

    int code() {
        return code;
    }

    JsonNode data() {
        return data;
    }
}
