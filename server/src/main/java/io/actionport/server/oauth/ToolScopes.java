package io.actionport.server.oauth;

import io.actionport.server.auth.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which tools an OAuth access token may list and call, from its scopes:
 *
 * <ul>
 *   <li>the scopes {@code --oauth-scope} lists (all of them; {@code mcp:tools} by default), or
 *       {@code mcp:write}: every tool;
 *   <li>{@code mcp:read}: the read-only tools (actions whose descriptor says {@code readOnly});
 *   <li>{@code mcp:tools:<integration>}: every tool of that integration.
 * </ul>
 *
 * A token with none of these is refused at {@code /mcp}; a tool it may not call is left out of
 * {@code tools/list} and refused with a step-up challenge. Keys are not limited here: their role and
 * integrations decide ({@link io.actionport.server.auth.KeyRoles}).
 */
public final class ToolScopes {

    public static final String READ = "mcp:read";
    public static final String WRITE = "mcp:write";
    public static final String INTEGRATION_PREFIX = "mcp:tools:";

    private final List<String> full;

    /** @param full the scopes that together grant every tool ({@code --oauth-scope}) */
    ToolScopes(List<String> full) {
        this.full = List.copyOf(full);
    }

    /** The scopes this server understands, for its metadata: the full ones first. */
    List<String> supported() {
        var supported = new LinkedHashSet<>(full);
        supported.add(READ);
        supported.add(WRITE);
        return List.copyOf(supported);
    }

    /** What the caller may call: everything for a key, what its scopes grant for a token. */
    public Grant grantOf(Principal principal) {
        if (!principal.isTokenHolder()) {
            return Grant.EVERY_TOOL;
        }
        var scopes = principal.scopes();
        var integrations = new TreeSet<String>();
        for (var scope : scopes) {
            if (scope.startsWith(INTEGRATION_PREFIX) && scope.length() > INTEGRATION_PREFIX.length()) {
                integrations.add(scope.substring(INTEGRATION_PREFIX.length()));
            }
        }
        // No --oauth-scope at all means, as before scopes mapped to tools, that any token may call everything.
        boolean every = scopes.contains(WRITE) || scopes.containsAll(full);
        return new Grant(scopes, every, scopes.contains(READ), integrations);
    }

    /**
     * What one caller may call.
     *
     * @param scopes the token's scopes, as granted (empty for a key)
     * @param everyTool whether every tool may be called
     * @param readOnly whether read-only tools may be called
     * @param integrations the integrations all of whose tools may be called
     */
    public record Grant(Set<String> scopes, boolean everyTool, boolean readOnly, Set<String> integrations) {

        /** Every tool: a key's grant, and the operator's over stdio. */
        public static final Grant EVERY_TOOL = new Grant(Set.of(), true, true, Set.of());

        public Grant {
            scopes = Set.copyOf(scopes);
            integrations = Set.copyOf(integrations);
        }

        /** Whether the token may reach {@code /mcp} at all. */
        boolean mayEnter() {
            return everyTool || readOnly || !integrations.isEmpty();
        }

        /** Whether a tool of {@code integration}, read-only or not, may be listed and called. */
        public boolean mayCall(String integration, boolean readOnlyTool) {
            return everyTool || (readOnlyTool && readOnly) || integrations.contains(integration);
        }

        /**
         * The 403 {@code insufficient_scope} refusal of a call to a tool the token may not call. Its
         * challenge asks for the scopes already granted plus the one the tool needs, so a client
         * that steps up keeps what it had.
         */
        public BearerRefusal refusal(String toolName, String integration, boolean readOnlyTool) {
            var needed = readOnlyTool ? READ : WRITE;
            var asked = new TreeSet<>(scopes);
            asked.add(needed);
            return BearerRefusal.insufficientScope(
                    "tool '" + toolName + "' is a " + (readOnlyTool ? "read-only" : "write") + " tool of integration '"
                            + integration + "': it needs the scope " + needed + " (or " + INTEGRATION_PREFIX
                            + integration + "), which this access token lacks; ask the authorization server for it",
                    String.join(" ", asked));
        }

        /** Tells grants apart where servers are kept per caller: equal grants list the same tools. */
        public String key() {
            return everyTool ? "*" : (readOnly ? "r" : "-") + String.join(",", new TreeSet<>(integrations));
        }
    }
}
