package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/** The params each MCP request method needs, field by field: what the SDK would otherwise choke on. */
final class McpMethodParams {

    private McpMethodParams() {}

    /** The first problem with a request's params, naming the field, or null when they are fine. */
    static String problem(String method, Map<?, ?> params) {
        return switch (method) {
            case McpSchema.METHOD_INITIALIZE ->
                firstOf(
                        string(params, "protocolVersion", "the MCP version the client speaks, e.g. 2025-06-18"),
                        object(params, "capabilities", false),
                        object(params, "clientInfo", true),
                        params.get("clientInfo") instanceof Map<?, ?> info
                                ? string(info, "clientInfo.name", "name", "the client's name")
                                : null);
            case McpSchema.METHOD_TOOLS_CALL ->
                firstOf(
                        string(params, "name", "the tool to call; tools/list shows the available tools"),
                        object(params, "arguments", false),
                        object(params, "_meta", false));
            case McpSchema.METHOD_PROMPT_GET ->
                firstOf(
                        string(params, "name", "the prompt to get; prompts/list shows them"),
                        object(params, "arguments", false));
            case McpSchema.METHOD_RESOURCES_READ,
                    McpSchema.METHOD_RESOURCES_SUBSCRIBE,
                    McpSchema.METHOD_RESOURCES_UNSUBSCRIBE ->
                string(params, "uri", "the resource's URI, e.g. actionport://executions/<id>");
            case McpSchema.METHOD_COMPLETION_COMPLETE ->
                firstOf(object(params, "ref", true), object(params, "argument", true));
            case McpSchema.METHOD_LOGGING_SET_LEVEL -> string(params, "level", "a log level such as info");
            case McpSchema.METHOD_TOOLS_LIST,
                    McpSchema.METHOD_RESOURCES_LIST,
                    McpSchema.METHOD_RESOURCES_TEMPLATES_LIST,
                    McpSchema.METHOD_PROMPT_LIST -> optionalString(params, "cursor");
            default -> null; // Unknown methods are the SDK's to answer: -32601.
        };
    }

    private static String firstOf(String... problems) {
        for (var problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String string(Map<?, ?> params, String field, String what) {
        return string(params, "params." + field, field, what);
    }

    private static String string(Map<?, ?> params, String shownName, String field, String what) {
        var value = params.get(field);
        if (value == null) {
            return shownName + " is required: " + what;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return shownName + " must be a non-empty string, was " + JsonRpcRules.typeOf(value);
        }
        return null;
    }

    private static String optionalString(Map<?, ?> params, String field) {
        var value = params.get(field);
        return value == null || value instanceof String
                ? null
                : "params." + field + " must be a string, was " + JsonRpcRules.typeOf(value);
    }

    private static String object(Map<?, ?> params, String field, boolean required) {
        var value = params.get(field);
        if (value == null) {
            return required ? "params." + field + " is required and must be an object" : null;
        }
        return value instanceof Map<?, ?>
                ? null
                : "params." + field + " must be an object, was " + JsonRpcRules.typeOf(value);
    }
}
