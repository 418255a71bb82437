package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
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

    /**
     * The SDK's record of a checked message. Requests and notifications are built from the parsed
     * map directly, with their params as parsed: converting the map through Jackson again would
     * only copy it.
     */
    private McpSchema.JSONRPCMessage convert(Map<?, ?> message) {
        var method = message.get("method");
        var jsonrpc = (String) message.get("jsonrpc");
        try {
            if (!(method instanceof String name)) {
                return jsonMapper.convertValue(message, McpSchema.JSONRPCResponse.class);
            }
            return message.containsKey("id")
                    ? new McpSchema.JSONRPCRequest(jsonrpc, name, message.get("id"), message.get("params"))
                    : new McpSchema.JSONRPCNotification(jsonrpc, name, message.get("params"));
        } catch (IllegalArgumentException e) {
            // The rules let through only what the SDK's records accept; the details are internal anyway.
            var kind = method == null ? "response" : message.containsKey("id") ? "request" : "notification";
            throw TransportRejection.invalidRequest("Invalid Request: malformed JSON-RPC " + kind);
        }
    }
}
