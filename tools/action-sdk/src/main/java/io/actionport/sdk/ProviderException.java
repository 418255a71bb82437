package io.actionport.sdk;

import java.time.Duration;
import java.util.Optional;

/** The provider answered with a non-2xx status. */
public class ProviderException extends ActionException {

    private static final int MAX_BODY_IN_MESSAGE = 500;

    private final int status;
    private final String responseBody;
    private final Duration retryAfter;

    public ProviderException(String method, String path, int status, String responseBody) {
        this(method, path, status, responseBody, null);
    }

    /**
     * @param retryAfter how long the provider asked callers to wait (a 429's or 503's {@code
     *     Retry-After}), or null
     */
    public ProviderException(String method, String path, int status, String responseBody, Duration retryAfter) {
        super(
                "provider_error",
                "provider answered " + status + " to " + method + " " + path + ": " + abbreviate(responseBody));
        this.status = status;
        this.responseBody = responseBody;
        this.retryAfter = retryAfter;
    }

    /** The provider's HTTP status. */
    public int status() {
        return status;
    }

    /** The provider's response body. */
    public String responseBody() {
        return responseBody;
    }

    /** How long the provider asked to wait before trying again, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        return body.length() <= MAX_BODY_IN_MESSAGE ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
