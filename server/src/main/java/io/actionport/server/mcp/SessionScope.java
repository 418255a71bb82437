package io.actionport.server.mcp;

import io.modelcontextprotocol.common.McpTransportContext;

/**
 * What an MCP session may use: its integration (null for all of the environment's) and its
 * connection (null for the integration's only one).
 */
record SessionScope(String integration, String connectionId) {

    static final String INTEGRATION = "Provider-Config-Key";
    static final String CONNECTION = "Connection-Id";

    /** The scope carried in a Streamable HTTP request's transport context (from its headers). */
    static SessionScope of(McpTransportContext context) {
        return new SessionScope(text(context.get(INTEGRATION)), text(context.get(CONNECTION)));
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank()
                ? null
                : value.toString().trim();
    }
}
