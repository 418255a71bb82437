package io.actionport.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An action's decision that the call cannot succeed, with a code callers can branch on.
 *
 * <p>Anything else an action throws is reported as a crash of the action. A failure that may pass
 * (the provider's rate limit, say) is made with {@link #retryable}, so the queue retries an
 * idempotent action after the wait, while callers still see the action's own code.
 */
public class ActionException extends RuntimeException {

    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;

    public ActionException(String code, String message) {
        this(code, message, false, null);
    }

    private ActionException(String code, String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /**
     * A transient failure: an idempotent action is tried again, after {@code retryAfter} when given.
     *
     * @param retryAfter how long the provider asked to wait, or null
     */
    public static ActionException retryable(String code, String message, Duration retryAfter) {
        return new ActionException(code, message, true, retryAfter);
    }

    /** A short machine-readable code, e.g. {@code issue_locked}. */
    public String code() {
        return code;
    }

    /** Whether trying again later may succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** How long to wait before trying again, if known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
