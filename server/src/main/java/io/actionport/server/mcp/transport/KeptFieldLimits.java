package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;

/**
 * Decides how large the values a session keeps may be: the client's name, title and version, the
 * protocol version, the whole {@code initialize} params, and request ids. A session lives for
 * minutes; a value over the limit is refused with -32602 naming the field, never kept.
 */
final class KeptFieldLimits {

    /** Initialize params this large hold far more than any client describes about itself. */
    static final int MAX_INITIALIZE_PARAMS_BYTES = 64 * 1024;

    private final int maxChars;

    KeptFieldLimits(int maxChars) {
        this.maxChars = maxChars;
    }

    void checkRequestId(Object id) {
        if (id instanceof String text && text.length() > maxChars) {
            throw tooLong("id", text);
        }
    }

    void checkInitialize(McpSchema.JSONRPCRequest request, McpSchema.InitializeRequest params, McpJsonMapper json) {
        checkRequestId(request.id());
        check("params.protocolVersion", params.protocolVersion());
        if (params.clientInfo() != null) {
            check("params.clientInfo.name", params.clientInfo().name());
            check("params.clientInfo.title", params.clientInfo().title());
            check("params.clientInfo.version", params.clientInfo().version());
        }
        int bytes = serializedSize(request.params(), json);
        if (bytes > MAX_INITIALIZE_PARAMS_BYTES) {
            throw TransportRejection.invalidParams("Invalid params: the initialize params are " + bytes
                    + " bytes; a session keeps at most " + MAX_INITIALIZE_PARAMS_BYTES);
        }
    }

    private static int serializedSize(Object params, McpJsonMapper json) {
        try {
            return json.writeValueAsBytes(params).length;
        } catch (IOException e) {
            throw TransportRejection.invalidParams("Invalid params: malformed initialize request");
        }
    }

    private void check(String field, String value) {
        if (value != null && value.length() > maxChars) {
            throw tooLong(field, value);
        }
    }

    private TransportRejection tooLong(String field, String value) {
        return TransportRejection.invalidParams("Invalid params: " + field + " is " + value.length()
                + " characters long; at most " + maxChars + " are accepted");
    }
}
