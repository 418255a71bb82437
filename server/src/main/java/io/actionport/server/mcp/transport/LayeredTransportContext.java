package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Map;

/**
 * A transport context whose gate attributes shadow the extractor's values.
 *
 * <p>A layer rather than a merged copy, because a {@link McpTransportContext} cannot list its keys.
 */
record LayeredTransportContext(Map<String, Object> attributes, McpTransportContext extracted)
        implements McpTransportContext {

    static McpTransportContext of(Map<String, Object> attributes, McpTransportContext extracted) {
        return attributes.isEmpty() ? extracted : new LayeredTransportContext(attributes, extracted);
    }

    @Override
    public Object get(String key) {
        return attributes.containsKey(key) ? attributes.get(key) : extracted.get(key);
    }
}
