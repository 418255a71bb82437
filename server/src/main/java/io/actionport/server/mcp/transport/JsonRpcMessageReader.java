package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a POST body into one JSON-RPC message once {@link JsonRpcRules} found it well-formed;
 * otherwise the request is refused with the rule's JSON-RPC error.
 */
final class JsonRpcMessageReader {

    private final McpJsonMapper jsonMapper;
    private final JsonRpcRules rules;

    JsonRpcMessageReader(McpJsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
        this.rules = new JsonRpcRules(jsonMapper);
    }

    /** Checks a body against JSON-RPC 2.0 only: the params are the era's to check. */
    JsonRpcRules.Checked checkEnvelope(String body) {
        return rules.checkEnvelope(body);
    }

    McpSchema.JSONRPCMessage read(String body) {
        return read(rules.check(body));
    }

    McpSchema.JSONRPCMessage read(JsonRpcRules.Checked checked) {
        return switch (checked) {
            case JsonRpcRules.Refused refused -> throw TransportRejection.refused(refused);
            case JsonRpcRules.Valid valid -> convert(valid.message());
        };
    }

    private McpSchema.JSONRPCMessage convert(Map<?, ?> message) {
        Class<? extends McpSchema.JSONRPCMessage> kind = message.containsKey("method")
                ? (message.containsKey("id") ? McpSchema.JSONRPCRequest.class : McpSchema.JSONRPCNotification.class)
                : McpSchema.JSONRPCResponse.class;
        try {
            return jsonMapper.convertValue(message, kind);
        } catch (IllegalArgumentException e) {
            // The rules let through only what the SDK's records accept; the details are internal anyway.
            throw TransportRejection.invalidRequest("Invalid Request: malformed JSON-RPC "
                    + kind.getSimpleName().substring("JSONRPC".length()).toLowerCase(Locale.ROOT));
        }
    }
}
