package io.actionport.server.mcp.stateless;

import static io.actionport.server.mcp.transport.ProtocolEras.PROTOCOL_VERSION_META;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The HTTP headers a stateless message needs when relayed over Streamable HTTP, taken from the message itself. */
public final class StatelessHeaders {

    private StatelessHeaders() {}

    public static Map<String, String> of(JsonNode message) {
        var headers = new LinkedHashMap<String, String>();
        var method = message.path("method").asString("");
        var params = message.path("params");
        var version = params.path("_meta").path(PROTOCOL_VERSION_META);
        if (version.isString()) {
            headers.put("MCP-Protocol-Version", version.asString());
        }
        if (!method.isEmpty()) {
            headers.put("Mcp-Method", method);
        }
        for (var field : new String[] {"name", "uri", "taskId"}) {
            if (params.path(field).isString()) {
                headers.put("Mcp-Name", params.get(field).asString());
            }
        }
        return headers;
    }
}
