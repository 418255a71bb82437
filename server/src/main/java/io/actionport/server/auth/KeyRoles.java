package io.actionport.server.auth;

import java.util.Objects;
import java.util.TreeSet;

/**
 * The one place that decides what a key may do. Every door asks it: admin work (deploy and dryrun
 * run code on the server; integrations, connections, webhooks, keys, environments, metrics) needs an
 * admin key; calling actions needs any key of the environment, limited to the integrations a caller
 * key was narrowed to; a caller key sees only the executions it started.
 */
public final class KeyRoles {

    private KeyRoles() {}

    /**
     * Refuses a caller key with 403 {@code admin_key_required}.
     *
     * @param work what the route does, for the message: "deploying a bundle"
     */
    public static void requireAdmin(Principal principal, String work) {
        if (!principal.isAdmin()) {
            throw new AuthException(
                    403,
                    "admin_key_required",
                    work + " needs an admin key of environment '" + principal.environment() + "'; key '"
                            + principal.keyId() + "' is a caller key. Use an admin key (printed at the first start,"
                            + " or made with 'actionport keys create --role admin' by an admin)");
        }
    }

    /** Any valid key of the environment may call; nothing more to check. */
    public static void requireCaller(Principal principal) {
        Objects.requireNonNull(principal, "principal");
    }

    /**
     * Refuses, with 403 {@code integration_not_allowed}, a narrowed key that names an integration
     * outside its list or names none.
     *
     * @param integration the integration the request names (Provider-Config-Key), or null
     */
    public static void requireIntegration(Principal principal, String integration) {
        if (!principal.isNarrowed()
                || (integration != null && principal.integrations().contains(integration))) {
            return;
        }
        var allowed = String.join(", ", new TreeSet<>(principal.integrations()));
        throw new AuthException(
                403,
                "integration_not_allowed",
                integration == null
                        ? "key '" + principal.keyId() + "' is limited to integrations " + allowed
                                + "; name one with the Provider-Config-Key header"
                        : "key '" + principal.keyId() + "' is limited to integrations " + allowed + ", not '"
                                + integration + "'");
    }

    /** Whether the key may see an integration (in listings). */
    public static boolean mayUse(Principal principal, String integration) {
        return !principal.isNarrowed()
                || (integration != null && principal.integrations().contains(integration));
    }

    /**
     * The key id whose executions the principal may see, or null for all of the environment's:
     * an admin key sees every execution, a caller key only those it started.
     */
    public static String executionOwnerFilter(Principal principal) {
        return principal.isAdmin() ? null : principal.keyId();
    }

    /** Whether the principal may see an execution started by {@code startedByKey} (null: not by a key). */
    public static boolean maySeeExecution(Principal principal, String startedByKey) {
        return principal.isAdmin() || principal.keyId().equals(startedByKey);
    }
}
