package io.actionport.server.mcp.transport;

import static io.modelcontextprotocol.spec.HttpHeaders.PROTOCOL_VERSION;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/**
 * Which protocol era a POST belongs to, as the 2026-07-28 revision's compatibility rules say: a
 * request carrying the per-request {@code _meta} of the stateless era, or naming a protocol version
 * that is none of the session era's, is served statelessly; everything else (above all
 * {@code initialize}) keeps the session semantics of 2024-11-05 to 2025-11-25.
 */
public final class ProtocolEras {

    public static final String PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_CAPABILITIES_META = "io.modelcontextprotocol/clientCapabilities";

    private ProtocolEras() {}

    /** True when the message is to be served by the stateless era. */
    public static boolean isStateless(HttpHeaders headers, Map<?, ?> message) {
        if (message.get("params") instanceof Map<?, ?> params && params.get("_meta") instanceof Map<?, ?> meta) {
            if (meta.containsKey(PROTOCOL_VERSION_META) || meta.containsKey(CLIENT_CAPABILITIES_META)) {
                return true;
            }
        }
        String version = headers.get(PROTOCOL_VERSION);
        return version != null
                && !version.isBlank()
                && !RequestChecks.PROTOCOL_VERSIONS.contains(version.trim())
                && !"2024-11-05".equals(version.trim());
    }
}
