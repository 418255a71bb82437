package io.actionport.sdk;

/**
 * What calling an action does to the world; becomes the MCP tool annotations.
 *
 * @param readOnly the action changes nothing at the provider
 * @param idempotent calling it twice with the same input has the effect of calling it once
 * @param destructive the action may delete or overwrite data
 * @param openWorld the action talks to a system outside the server
 */
public record ActionHints(boolean readOnly, boolean idempotent, boolean destructive, boolean openWorld) {

    /** A read: changes nothing, safe to repeat. */
    public static final ActionHints READ = new ActionHints(true, true, false, true);

    /** A write that creates something: not safe to repeat blindly. */
    public static final ActionHints WRITE = new ActionHints(false, false, false, true);

    /** A write that is safe to repeat, e.g. keyed by a client-chosen id. */
    public static final ActionHints IDEMPOTENT_WRITE = new ActionHints(false, true, false, true);

    public ActionHints {
        if (readOnly && destructive) {
            throw new IllegalArgumentException("an action cannot be both read-only and destructive");
        }
    }

    /** This hint set, talking to nothing outside the server. */
    public ActionHints closedWorld() {
        return new ActionHints(readOnly, idempotent, destructive, false);
    }

    /** This hint set, marked destructive. */
    public ActionHints asDestructive() {
        return new ActionHints(readOnly, idempotent, true, openWorld);
    }
}
