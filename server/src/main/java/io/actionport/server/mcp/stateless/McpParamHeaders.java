package io.actionport.server.mcp.stateless;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code x-mcp-header} rule: a tool argument its input schema mirrors in a header must come
 * with {@code Mcp-Param-<name>} whenever the body gives it, and the two must agree (integers
 * compared as numbers, after the header's base64 form is decoded).
 */
final class McpParamHeaders {

    private McpParamHeaders() {}

    /**
     * Throws -32020 when a mirrored argument's header is missing or disagrees.
     *
     * @param headers the request's {@code Mcp-Param-*} headers by lower-case name; null over stdio
     */
    static void check(McpSchema.Tool tool, JsonNode arguments, Map<String, String> headers) {
        if (headers == null
                || tool == null
                || tool.inputSchema() == null
                || !(tool.inputSchema().get("properties") instanceof Map<?, ?> properties)) {
            return;
        }
        for (var property : properties.entrySet()) {
            if (!(property.getValue() instanceof Map<?, ?> schema)
                    || !(schema.get("x-mcp-header") instanceof String name)) {
                continue;
            }
            JsonNode value = arguments == null ? null : arguments.get(String.valueOf(property.getKey()));
            if (value == null || value.isNull()) {
                continue;
            }
            var header = headers.get(name.toLowerCase(Locale.ROOT));
            if (header == null) {
                throw StatelessError.headerMismatch("the Mcp-Param-" + name + " header is required when arguments."
                        + property.getKey() + " is given (the tool mirrors it in that header)");
            }
            if (!agree(value, header)) {
                throw StatelessError.headerMismatch("Mcp-Param-" + name + " header value '" + header
                        + "' does not match arguments." + property.getKey() + " " + value);
            }
        }
    }

    private static boolean agree(JsonNode value, String header) {
        if (value.isIntegralNumber()) {
            try {
                return new java.math.BigInteger(header).equals(value.bigIntegerValue());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return value.isString()
                ? value.asString().equals(header)
                : value.toString().equals(header);
    }
}
