package io.actionport.server.mcp.transport;

import static io.modelcontextprotocol.spec.HttpHeaders.MCP_SESSION_ID;
import static io.modelcontextprotocol.spec.HttpHeaders.PROTOCOL_VERSION;

import io.modelcontextprotocol.spec.ProtocolVersions;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;

/** Header checks that the Streamable HTTP specification asks of each request. */
final class RequestChecks {

    /** Streamable HTTP first appeared in 2025-03-26, so older versions cannot arrive over it. */
    static final List<String> PROTOCOL_VERSIONS =
            List.of(ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    static final String TEXT_EVENT_STREAM = "text/event-stream";

    private RequestChecks() {}

    static void requireAcceptsJsonAndEventStream(HttpHeaders headers) {
        String accept = headers.get(HttpHeaderNames.ACCEPT);
        if (!accepts(accept, HttpResponses.APPLICATION_JSON) || !accepts(accept, TEXT_EVENT_STREAM)) {
            throw TransportRejection.of(
                    406, "Not Acceptable: the Accept header must include both application/json and text/event-stream");
        }
    }

    static void requireAcceptsEventStream(HttpHeaders headers) {
        if (!accepts(headers.get(HttpHeaderNames.ACCEPT), TEXT_EVENT_STREAM)) {
            throw TransportRejection.of(406, "Not Acceptable: the Accept header must include text/event-stream");
        }
    }

    static void requireJsonContent(HttpHeaders headers) {
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null || !mediaType(contentType).equals(HttpResponses.APPLICATION_JSON)) {
            throw TransportRejection.of(415, "Unsupported Media Type: Content-Type must be application/json");
        }
    }

    static String requireSessionId(HttpHeaders headers) {
        String sessionId = headers.get(MCP_SESSION_ID);
        if (sessionId == null || sessionId.isBlank()) {
            throw TransportRejection.invalidRequest(
                    "Bad Request: the Mcp-Session-Id header is required; send initialize first to get one");
        }
        return sessionId;
    }

    /** A missing header is fine: the specification then has the server assume 2025-03-26. */
    static void requireSupportedProtocolVersion(HttpHeaders headers) {
        String version = headers.get(PROTOCOL_VERSION);
        if (version != null && !PROTOCOL_VERSIONS.contains(version)) {
            throw TransportRejection.invalidRequest("Bad Request: unsupported MCP-Protocol-Version " + version
                    + "; supported versions are " + String.join(", ", PROTOCOL_VERSIONS));
        }
    }

    /** Whether an Accept header admits a media type, directly or through a wildcard range. */
    static boolean accepts(String accept, String type) {
        if (accept == null) {
            return false;
        }
        String wildcard = type.substring(0, type.indexOf('/')) + "/*";
        for (String range : accept.split(",")) {
            String media = mediaType(range);
            if (media.equals(type) || media.equals(wildcard) || media.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    private static String mediaType(String value) {
        int parameters = value.indexOf(';');
        return (parameters < 0 ? value : value.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
