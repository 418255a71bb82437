package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import java.io.IOException;

/** One unit written to a client stream: a serialized JSON-RPC message or a keep-alive ping. */
sealed interface OutboundFrame {

    /** Renders the frame in the {@code text/event-stream} format. */
    String toSse();

    /** Serializes a message now, so a mapping failure surfaces to the sender, not to the writer. */
    static Message message(McpJsonMapper jsonMapper, McpSchema.JSONRPCMessage message, String eventId) {
        try {
            String json = jsonMapper.writeValueAsString(message);
            return new Message(eventId, json, message instanceof McpSchema.JSONRPCResponse);
        } catch (IOException e) {
            throw new McpTransportException("Failed to serialize JSON-RPC message", e);
        }
    }

    /**
     * A JSON-RPC message.
     *
     * @param eventId the SSE event id, or {@code null} for none
     * @param json the message as compact JSON
     * @param response whether the message is a JSON-RPC response, which ends a POST's stream
     */
    record Message(String eventId, String json, boolean response) implements OutboundFrame {

        @Override
        public String toSse() {
            StringBuilder event = new StringBuilder(json.length() + 64);
            if (eventId != null) {
                event.append("id: ").append(eventId).append('\n');
            }
            event.append("event: message\n");
            // A raw line break would end the data field early, so each line gets its own field.
            for (String line : json.split("\r\n|\r|\n", -1)) {
                event.append("data: ").append(line).append('\n');
            }
            return event.append('\n').toString();
        }
    }

    /** An SSE comment that keeps proxies and load balancers from closing an idle stream. */
    enum KeepAlive implements OutboundFrame {
        INSTANCE;

        @Override
        public String toSse() {
            return ": keep-alive\n\n";
        }
    }
}
