package io.actionport.server.mcp.stateless;

import io.actionport.server.store.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields every stateless-era result carries: {@code resultType}, the server's identity in
 * {@code _meta}, and for lists and reads how long a client may cache them and for whom.
 */
final class StatelessResults {

    static final String SERVER_INFO_META = "io.modelcontextprotocol/serverInfo";

    /** Lists depend on the key and change with deploys; listeners hear of each change. */
    static final long LIST_TTL_MS = 30_000;

    private final String version;

    StatelessResults(String version) {
        this.version = version;
    }

    /** A complete result: {@code body} plus {@code resultType} and the server's identity. */
    ObjectNode complete(JsonNode body) {
        return typed(body, "complete");
    }

    /** A complete result a client may keep for {@code ttlMs}, for itself only. */
    ObjectNode cacheable(JsonNode body, long ttlMs) {
        var result = complete(body);
        result.put("ttlMs", ttlMs);
        result.put("cacheScope", "private");
        return result;
    }

    ObjectNode typed(JsonNode body, String resultType) {
        var result = body == null ? Json.MAPPER.createObjectNode() : ((ObjectNode) body).deepCopy();
        result.put("resultType", resultType);
        var meta = result.withObjectProperty("_meta");
        meta.putObject(SERVER_INFO_META).put("name", "actionport").put("version", version);
        return result;
    }
}
