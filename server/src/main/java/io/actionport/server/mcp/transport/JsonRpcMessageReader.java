package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a POST body into one JSON-RPC message, telling malformed JSON (parse error) apart from
 * well-formed JSON that is not a JSON-RPC message (invalid request).
 */
final class JsonRpcMessageReader {

    private final McpJsonMapper jsonMapper;

    JsonRpcMessageReader(McpJsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    McpSchema.JSONRPCMessage read(String body) {
        Object json;
        try {
            json = jsonMapper.readValue(body, Object.class);
        } catch (IOException e) {
            throw TransportRejection.parseError("Parse error: the request body is not valid JSON");
        }
        if (json instanceof List<?>) {
            throw TransportRejection.invalidRequest("Invalid Request: JSON-RPC batches are not supported");
        }
        if (!(json instanceof Map<?, ?> message)) {
            throw TransportRejection.invalidRequest("Invalid Request: the body must be a JSON-RPC object");
        }
        if (!McpSchema.JSONRPC_VERSION.equals(message.get("jsonrpc"))) {
            throw TransportRejection.invalidRequest("Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        return convert(message, kindOf(message));
    }

    private static Class<? extends McpSchema.JSONRPCMessage> kindOf(Map<?, ?> message) {
        if (message.containsKey("method")) {
            if (!(message.get("method") instanceof String)) {
                throw TransportRejection.invalidRequest("Invalid Request: \"method\" must be a string");
            }
            return message.containsKey("id") ? McpSchema.JSONRPCRequest.class : McpSchema.JSONRPCNotification.class;
        }
        if (message.containsKey("result") || message.containsKey("error")) {
            return McpSchema.JSONRPCResponse.class;
        }
        throw TransportRejection.invalidRequest(
                "Invalid Request: a JSON-RPC message needs a \"method\" (request or notification)"
                        + " or a \"result\" or \"error\" (response)");
    }

    private McpSchema.JSONRPCMessage convert(Map<?, ?> message, Class<? extends McpSchema.JSONRPCMessage> kind) {
        try {
            return jsonMapper.convertValue(message, kind);
        } catch (IllegalArgumentException e) {
            // The SDK's records reject null or fractional ids, for instance; the details are internal.
            throw TransportRejection.invalidRequest("Invalid Request: malformed JSON-RPC "
                    + kind.getSimpleName().substring("JSONRPC".length()).toLowerCase(Locale.ROOT));
        }
    }
}
