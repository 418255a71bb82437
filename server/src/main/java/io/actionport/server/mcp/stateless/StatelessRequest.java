package io.actionport.server.mcp.stateless;

import static io.actionport.server.mcp.transport.ProtocolEras.CLIENT_CAPABILITIES_META;
import static io.actionport.server.mcp.transport.ProtocolEras.PROTOCOL_VERSION_META;

import io.actionport.server.store.Json;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request of the stateless era, checked in the order the revision prescribes: the
 * {@code MCP-Protocol-Version} header, the {@code _meta} envelope, their agreement, the version,
 * then the {@code Mcp-Method} and {@code Mcp-Name} headers. Everything a handler may know about
 * the client comes from here: nothing is remembered between requests.
 *
 * @param id the JSON-RPC id (a string or a number), or null for a notification
 * @param capabilities the client capabilities this request declares
 * @param logLevel the lowest level of log notifications the client wants, or null for none
 * @param progressToken the token progress notifications carry, or null for none
 * @param paramHeaders the {@code Mcp-Param-*} headers by lower-case name after the prefix, decoded;
 *     null over stdio, which has no headers
 */
record StatelessRequest(
        Object id,
        String method,
        ObjectNode params,
        String protocolVersion,
        ObjectNode capabilities,
        String logLevel,
        JsonNode progressToken,
        Map<String, String> paramHeaders) {

    static final String VERSION = "2026-07-28";
    static final List<String> SUPPORTED_VERSIONS = List.of(VERSION);
    static final String TASKS_EXTENSION = "io.modelcontextprotocol/tasks";
    static final String LOG_LEVEL_META = "io.modelcontextprotocol/logLevel";

    private static final Set<String> LOG_LEVELS =
            Set.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");
    private static final String BASE64_PREFIX = "=?base64?";

    /**
     * Reads and checks a message; throws {@link StatelessError} with the first problem found.
     *
     * @param headers the HTTP request's headers, or null over stdio, which has none to check
     */
    static StatelessRequest of(HttpHeaders headers, Map<?, ?> message) {
        var json = (ObjectNode) Json.MAPPER.valueToTree(message);
        var id = message.get("id");
        var method = json.path("method").asString();
        var params = json.get("params") instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
        var headerVersion = headers == null ? null : trimmed(headers.get("MCP-Protocol-Version"));
        if (headers != null && headerVersion == null) {
            throw StatelessError.headerMismatch(
                    "the MCP-Protocol-Version header is required on every request; send " + VERSION);
        }
        var meta = params.get("_meta");
        if (!(meta instanceof ObjectNode metaObject)
                || !metaObject.path(PROTOCOL_VERSION_META).isString()
                || !(metaObject.get(CLIENT_CAPABILITIES_META) instanceof ObjectNode capabilities)) {
            throw StatelessError.invalidEnvelope("params._meta must carry \"" + PROTOCOL_VERSION_META
                    + "\" (a string) and \"" + CLIENT_CAPABILITIES_META + "\" (an object, may be empty)");
        }
        var version = metaObject.get(PROTOCOL_VERSION_META).asString();
        if (headers != null && !version.equals(headerVersion)) {
            throw StatelessError.headerMismatch("MCP-Protocol-Version header value '" + headerVersion
                    + "' does not match _meta protocolVersion '" + version + "'");
        }
        if (!SUPPORTED_VERSIONS.contains(version)) {
            var data = Json.MAPPER.createObjectNode();
            SUPPORTED_VERSIONS.forEach(data.putArray("supported")::add);
            data.put("requested", version);
            throw new StatelessError(
                    400,
                    StatelessError.UNSUPPORTED_VERSION,
                    "Unsupported protocol version " + version + "; this server speaks " + VERSION
                            + " statelessly, and 2025-11-25 and older through initialize",
                    data);
        }
        if (headers != null) {
            checkMethodHeader(headers, method);
            checkNameHeader(headers, method, params);
        }
        var logLevel = metaObject.get(LOG_LEVEL_META);
        if (logLevel != null && !(logLevel.isString() && LOG_LEVELS.contains(logLevel.asString()))) {
            throw StatelessError.invalidParams("_meta \"" + LOG_LEVEL_META + "\" must be one of "
                    + String.join(", ", LOG_LEVELS.stream().sorted().toList()));
        }
        return new StatelessRequest(
                id,
                method,
                params,
                version,
                capabilities,
                logLevel == null ? null : logLevel.asString(),
                metaObject.get("progressToken"),
                headers == null ? null : paramHeaders(headers));
    }

    boolean isNotification() {
        return id == null;
    }

    /** Whether this request's client accepts tasks (the tasks extension). */
    boolean acceptsTasks() {
        return capabilities.path("extensions").has(TASKS_EXTENSION);
    }

    /** A params field that must be a non-empty string. */
    String requiredString(String field) {
        var value = params.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw StatelessError.invalidParams("params." + field + " is required and must be a non-empty string");
        }
        return value.asString();
    }

    private static void checkMethodHeader(HttpHeaders headers, String method) {
        var header = trimmed(headers.get("Mcp-Method"));
        if (header == null) {
            throw StatelessError.headerMismatch(
                    "the Mcp-Method header is required on every request and must equal " + "the body's method");
        }
        if (!header.equals(method)) {
            throw StatelessError.headerMismatch(
                    "Mcp-Method header value '" + header + "' does not match body method '" + method + "'");
        }
    }

    /** Requests naming a tool, prompt, resource or task repeat that name in {@code Mcp-Name}. */
    private static void checkNameHeader(HttpHeaders headers, String method, ObjectNode params) {
        var field = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            case "tasks/get", "tasks/update", "tasks/cancel" -> "taskId";
            default -> null;
        };
        if (field == null) {
            return;
        }
        var header = decoded(trimmed(headers.get("Mcp-Name")));
        var body = params.path(field).isString() ? params.get(field).asString() : null;
        if (header == null) {
            throw StatelessError.headerMismatch(
                    "the Mcp-Name header is required on " + method + " and must equal params." + field);
        }
        if (body == null) {
            // A missing field would mismatch any header: say what the body lacks instead.
            throw StatelessError.invalidParams("params." + field + " must be a non-empty string, was "
                    + (params.has(field) ? params.get(field).toString() : "missing"));
        }
        if (!header.equals(body)) {
            throw StatelessError.headerMismatch(
                    "Mcp-Name header value '" + header + "' does not match body value '" + body + "'");
        }
    }

    private static Map<String, String> paramHeaders(HttpHeaders headers) {
        var found = new java.util.HashMap<String, String>();
        for (var header : headers) {
            var name = header.getKey().toLowerCase(java.util.Locale.ROOT);
            if (name.startsWith("mcp-param-")) {
                found.put(
                        name.substring("mcp-param-".length()),
                        decoded(header.getValue().trim()));
            }
        }
        return Map.copyOf(found);
    }

    private static String decoded(String value) {
        if (value != null && value.startsWith(BASE64_PREFIX) && value.endsWith("?=")) {
            var encoded = value.substring(BASE64_PREFIX.length(), value.length() - 2);
            if (encoded.length() % 4 != 0) {
                // Java's decoder takes unpadded input; the header encoding requires the padding.
                throw StatelessError.headerMismatch("a =?base64?...?= header value must be padded base64");
            }
            try {
                return new String(
                        Base64.getDecoder().decode(value.substring(BASE64_PREFIX.length(), value.length() - 2)),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw StatelessError.headerMismatch("a =?base64?...?= header value cannot be decoded");
            }
        }
        return value;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
