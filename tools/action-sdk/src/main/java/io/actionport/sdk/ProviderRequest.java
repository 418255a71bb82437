package io.actionport.sdk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request to the provider, relative to the integration's base URL.
 *
 * @param method the HTTP method
 * @param path a path below the base URL, e.g. {@code /repos/o/r/issues}; never an absolute URL
 * @param query query parameters, encoded by the client
 * @param headers extra headers; credentials are added by the client
 * @param body a value serialized as JSON, or {@code null} for no body
 * @param timeout how long the provider has to answer this request; {@link #DEFAULT_TIMEOUT} when null
 * @param idempotent whether the client may retry it on a 429 or 5xx: always true for GET, HEAD,
 *     PUT, DELETE and OPTIONS, which are idempotent by HTTP semantics; true for another method only
 *     when {@linkplain #markIdempotent() marked} so
 */
public record ProviderRequest(
        String method,
        String path,
        Map<String, String> query,
        Map<String, String> headers,
        Object body,
        Duration timeout,
        boolean idempotent) {

    /** How long the provider has to answer a request that sets no timeout of its own. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    public ProviderRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (path.contains("://")) {
            throw new IllegalArgumentException("provider paths are relative to the integration's base URL: " + path);
        }
        method = method.toUpperCase(Locale.ROOT);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a provider request's timeout must be positive, was " + timeout);
        }
        idempotent = idempotent || IDEMPOTENT_METHODS.contains(method);
    }

    /** A request with the default timeout, idempotent when its method is. */
    public ProviderRequest(
            String method, String path, Map<String, String> query, Map<String, String> headers, Object body) {
        this(method, path, query, headers, body, null, false);
    }

    public static ProviderRequest get(String path) {
        return new ProviderRequest("GET", path, Map.of(), Map.of(), null);
    }

    public static ProviderRequest post(String path, Object body) {
        return new ProviderRequest("POST", path, Map.of(), Map.of(), body);
    }

    public static ProviderRequest put(String path, Object body) {
        return new ProviderRequest("PUT", path, Map.of(), Map.of(), body);
    }

    public static ProviderRequest patch(String path, Object body) {
        return new ProviderRequest("PATCH", path, Map.of(), Map.of(), body);
    }

    public static ProviderRequest delete(String path) {
        return new ProviderRequest("DELETE", path, Map.of(), Map.of(), null);
    }

    /** This request with the given query parameters added. */
    public ProviderRequest withQuery(Map<String, String> more) {
        var merged = new LinkedHashMap<>(query);
        merged.putAll(more);
        return new ProviderRequest(method, path, merged, headers, body, timeout, idempotent);
    }

    /** This request with one more header. */
    public ProviderRequest withHeader(String name, String value) {
        var merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new ProviderRequest(method, path, query, merged, body, timeout, idempotent);
    }

    /** This request with another path and query, e.g. the next page of a list. */
    public ProviderRequest withTarget(String newPath, Map<String, String> newQuery) {
        return new ProviderRequest(method, newPath, newQuery, headers, body, timeout, idempotent);
    }

    /** This request with its own limit on how long the provider has to answer. */
    public ProviderRequest withTimeout(Duration newTimeout) {
        return new ProviderRequest(method, path, query, headers, body, newTimeout, idempotent);
    }

    /**
     * This request marked idempotent, so the client retries it on a 429 or 5xx like a GET: for a
     * POST the provider deduplicates, e.g. by an {@code Idempotency-Key} header.
     */
    public ProviderRequest markIdempotent() {
        return new ProviderRequest(method, path, query, headers, body, timeout, true);
    }
}
