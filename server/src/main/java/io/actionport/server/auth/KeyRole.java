package io.actionport.server.auth;

import java.util.Locale;

/** What a key may do in its environment. */
public enum KeyRole {
    /** Calls actions (MCP, trigger, the requests proxy), lists them, and sees the executions it started. */
    CALLER,
    /** Everything a caller may, plus deploy and dryrun (which run code on the server), integrations,
     * connections, webhooks, keys, environments and metrics. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code caller} or {@code admin}. */
    public static KeyRole fromWireName(String name) {
        for (var role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be 'caller' or 'admin', was '" + name + "'");
    }
}
