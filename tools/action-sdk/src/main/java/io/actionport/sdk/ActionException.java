package io.actionport.sdk;

import java.util.Objects;

/**
 * An action's decision that the call cannot succeed, with a code callers can branch on.
 *
 * <p>Anything else an action throws is reported as a crash of the action.
 */
public class ActionException extends RuntimeException {

    private final String code;

    public ActionException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A short machine-readable code, e.g. {@code issue_locked}. */
    public String code() {
        return code;
    }
}
