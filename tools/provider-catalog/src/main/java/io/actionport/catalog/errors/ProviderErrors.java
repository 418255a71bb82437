package io.actionport.catalog.errors;

import io.actionport.sdk.ActionException;
import java.time.Duration;
import java.util.Optional;

/**
 * The error codes every catalog action uses for a provider's refusal, so a caller (or a model) can
 * branch on one code whichever provider said no; the message keeps the provider's own words.
 */
public final class ProviderErrors {

    /** The provider refused the connection's credentials: fix or rotate the connection. */
    public static final String UNAUTHORIZED = "unauthorized";
    /** The credentials are valid but may not do this (a missing scope, a channel the app is not in). */
    public static final String FORBIDDEN = "forbidden";
    /** The thing asked for does not exist, or the credentials cannot see it. */
    public static final String NOT_FOUND = "not_found";
    /** The provider refused the input; the message says which part. */
    public static final String VALIDATION_FAILED = "validation_failed";
    /** The provider's rate limit is reached; the message says how long to wait when the provider said. */
    public static final String RATE_LIMITED = "rate_limited";

    private ProviderErrors() {}

    public static ActionException unauthorized(String provider, String detail) {
        return new ActionException(
                UNAUTHORIZED,
                provider + " refused the connection's credentials (" + detail
                        + "); rotate the connection's token with: actionport connections rotate");
    }

    public static ActionException forbidden(String provider, String detail) {
        return new ActionException(
                FORBIDDEN, provider + " does not allow this with the connection's credentials: " + detail);
    }

    public static ActionException notFound(String provider, String what, String detail) {
        return new ActionException(
                NOT_FOUND, provider + " has no " + what + ", or the connection cannot see it (" + detail + ")");
    }

    public static ActionException validationFailed(String provider, String detail) {
        return new ActionException(VALIDATION_FAILED, provider + " refused the input: " + detail);
    }

    public static ActionException rateLimited(String provider, Optional<Duration> retryAfter, String detail) {
        var when = retryAfter
                .map(wait -> "try again in " + Math.max(1, wait.toSeconds()) + " s")
                .orElse("try again later");
        return new ActionException(RATE_LIMITED, provider + " rate limit reached, " + when + " (" + detail + ")");
    }
}
