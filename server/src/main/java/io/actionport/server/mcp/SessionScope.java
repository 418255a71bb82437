package io.actionport.server.mcp;

import io.actionport.server.auth.EndUsers;
import io.actionport.server.auth.Principal;
import io.modelcontextprotocol.common.McpTransportContext;

/**
 * What an MCP session may use: its integration (null for all of the environment's), its
 * connection (null for the integration's only one), the key it came with (null over stdio,
 * where the operator on the machine is the caller), and the end user a backend named (null for none).
 */
record SessionScope(String integration, String connectionId, Principal principal, String namedEndUser) {

    static final String INTEGRATION = "Provider-Config-Key";
    static final String CONNECTION = "Connection-Id";

    SessionScope(String integration, String connectionId, Principal principal) {
        this(integration, connectionId, principal, null);
    }

    /** The scope carried in a Streamable HTTP request's transport context (from its headers). */
    static SessionScope of(McpTransportContext context) {
        return new SessionScope(
                text(context.get(INTEGRATION)),
                text(context.get(CONNECTION)),
                null,
                text(context.get(EndUsers.HEADER)));
    }

    /** This scope, for a session opened with {@code principal}'s key. */
    SessionScope as(Principal principal) {
        return new SessionScope(integration, connectionId, principal, namedEndUser);
    }

    /** The end user calls in this scope act for, as {@link EndUsers} decides, or null. */
    String endUser() {
        return EndUsers.of(principal, namedEndUser);
    }

    /** The public id of the session's key, or null over stdio. */
    String keyId() {
        return principal == null ? null : principal.keyId();
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank()
                ? null
                : value.toString().trim();
    }
}
