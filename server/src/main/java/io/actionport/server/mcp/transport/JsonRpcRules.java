package io.actionport.server.mcp.transport;

import io.actionport.server.JsonProblems;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Checks one incoming JSON-RPC message against JSON-RPC 2.0 and against the params each MCP method
 * needs, before the SDK sees it: the SDK answers some malformed requests with nothing at all, which
 * leaves the client waiting. Every door (Streamable HTTP, stdio) asks here, so a malformed message
 * always gets its error: -32700 for invalid JSON, -32600 for a message that is not a JSON-RPC
 * request, -32602 for params that are missing or of the wrong type, naming the field.
 */
public final class JsonRpcRules {

    /** The outcome of a check. */
    public sealed interface Checked {}

    /** A message fit to hand to the SDK. */
    public record Valid(Map<?, ?> message) implements Checked {}

    /**
     * A message to answer with an error instead.
     *
     * @param id the request's id when it could be read, else null
     */
    public record Refused(Object id, int code, String message) implements Checked {}

    private final McpJsonMapper jsonMapper;

    public JsonRpcRules(McpJsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** Parses and checks one message, and the params its method needs. */
    public Checked check(String text) {
        return switch (checkEnvelope(text)) {
            case Refused refused -> refused;
            case Valid valid -> checkParams(valid.message());
        };
    }

    /** Checks the params a valid message's method needs, naming the first bad field. */
    public static Checked checkParams(Map<?, ?> message) {
        if (!message.containsKey("id") || !(message.get("method") instanceof String method)) {
            return new Valid(message); // A notification gets no answer, not even an error; a response has no params.
        }
        var params = message.get("params");
        var problem = McpMethodParams.problem(method, params instanceof Map<?, ?> map ? map : Map.of());
        return problem == null ? new Valid(message) : invalidParams(message.get("id"), problem);
    }

    /** What the JSON parser found wrong (": Duplicate Object property ..."), or nothing when it said nothing. */
    private static String parseProblem(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.core.JacksonException parse) {
                return ": " + JsonProblems.describe(parse);
            }
        }
        return "";
    }

    /** Parses and checks one message against JSON-RPC 2.0 alone, whatever its method. */
    public Checked checkEnvelope(String text) {
        Object json;
        try {
            if (text == null || text.isBlank()) {
                throw new IOException("no content");
            }
            json = jsonMapper.readValue(text, Object.class);
        } catch (IOException | RuntimeException e) {
            return new Refused(
                    null, ErrorCodes.PARSE_ERROR, "Parse error: the request body is not valid JSON" + parseProblem(e));
        }
        if (json instanceof List<?>) {
            return invalidRequest(null, "JSON-RPC batches are not supported");
        }
        if (!(json instanceof Map<?, ?> message)) {
            return invalidRequest(null, "the message must be a JSON-RPC object, was " + typeOf(json));
        }
        var id = message.get("id");
        if (message.containsKey("id") && !(id instanceof String || id instanceof Integer || id instanceof Long)) {
            return invalidRequest(null, "\"id\" must be a string or a whole number, was " + typeOf(id));
        }
        if (!McpSchema.JSONRPC_VERSION.equals(message.get("jsonrpc"))) {
            return invalidRequest(id, "\"jsonrpc\" must be \"2.0\"");
        }
        if (!message.containsKey("method")) {
            if ((message.containsKey("result") || message.containsKey("error")) && message.containsKey("id")) {
                return new Valid(message);
            }
            return invalidRequest(
                    id,
                    "a JSON-RPC message needs a \"method\" (request or notification)"
                            + " or a \"result\" or \"error\" (response)");
        }
        if (!(message.get("method") instanceof String method) || method.isBlank()) {
            return invalidRequest(id, "\"method\" must be a non-empty string, was " + typeOf(message.get("method")));
        }
        var params = message.get("params");
        if (message.containsKey("params") && !(params instanceof Map<?, ?>)) {
            return invalidParams(id, "params must be an object, was " + typeOf(params));
        }
        return new Valid(message);
    }

    static String typeOf(Object json) {
        return switch (json) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Integer i -> "a number";
            case Long l -> "a number";
            case Number n -> "a number that is not a whole number within range";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "an object";
            default -> "a " + json.getClass().getSimpleName();
        };
    }

    private static Refused invalidRequest(Object id, String why) {
        return new Refused(id, ErrorCodes.INVALID_REQUEST, "Invalid Request: " + why);
    }

    private static Refused invalidParams(Object id, String why) {
        return new Refused(id, ErrorCodes.INVALID_PARAMS, "Invalid params: " + why);
    }
}
