package io.actionport.server.mcp;

import io.actionport.server.Abbreviation;
import io.actionport.server.ActionportException;
import io.actionport.server.http.DoorLimits;
import io.actionport.server.mcp.transport.SessionLimits;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.store.ConnectionStore;
import java.time.Duration;

/**
 * Decides which MCP servers may exist: one per environment, plus one per integration of it that a
 * {@code Provider-Config-Key} names, only if that integration exists (it has deployed actions or a
 * provider configuration), each per key, and {@link DoorLimits#maxMcpServers()} at most. Holds the session limits
 * every MCP server shares.
 */
public final class McpScopes {

    private final ActionRegistry registry;
    private final ConnectionStore connections;
    private final DoorLimits limits;
    private final SessionLimits sessions;

    public McpScopes(ActionRegistry registry, ConnectionStore connections, DoorLimits limits) {
        this.registry = registry;
        this.connections = connections;
        this.limits = limits;
        this.sessions = new SessionLimits(limits.maxSessionsPerKey(), limits.maxSessions());
    }

    /**
     * Refuses a scope that names no integration of the environment; may read the store, so it runs
     * off the event loop.
     *
     * @throws UnknownScopeException naming the integration
     */
    void requireExists(String environment, String integration) {
        if (integration == null) {
            return;
        }
        boolean deployed = registry.actions(environment).stream()
                .anyMatch(action -> action.integration().equals(integration));
        if (!deployed && connections.findIntegration(environment, integration).isEmpty()) {
            throw new UnknownScopeException(integration, environment);
        }
    }

    /** Whether {@code live} servers are as many as may exist. */
    boolean isFull(int live) {
        return live >= limits.maxMcpServers();
    }

    /** @throws TooManyServersException when {@code live} servers already exist */
    void requireRoom(int live) {
        if (isFull(live)) {
            throw new TooManyServersException(limits.maxMcpServers());
        }
    }

    SessionLimits sessions() {
        return sessions;
    }

    Duration sessionIdleTimeout() {
        return limits.sessionIdleTimeout();
    }

    int maxKeptFieldChars() {
        return limits.maxKeptFieldChars();
    }

    /** A refusal of {@code /mcp} before any MCP processing, with its HTTP status. */
    abstract static sealed class ScopeException extends ActionportException
            permits UnknownScopeException, TooManyServersException {
        private final int status;

        ScopeException(int status, String code, String message) {
            super(code, message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The {@code Provider-Config-Key} names no integration of the caller's environment. */
    static final class UnknownScopeException extends ScopeException {
        UnknownScopeException(String integration, String environment) {
            super(
                    404,
                    "unknown_integration",
                    "Provider-Config-Key '" + Abbreviation.of(integration, 64)
                            + "' names no integration in environment "
                            + environment + "; send the key of an integration with deployed actions, or no"
                            + " Provider-Config-Key to see every tool");
        }
    }

    /** As many MCP servers exist as allowed. */
    static final class TooManyServersException extends ScopeException {
        TooManyServersException(int limit) {
            super(
                    503,
                    "too_many_mcp_servers",
                    "the server already runs " + limit + " MCP servers with live sessions (one per environment,"
                            + " integration scope and key), its limit; end unused sessions, connect without"
                            + " Provider-Config-Key, or raise --max-mcp-servers");
        }
    }
}
