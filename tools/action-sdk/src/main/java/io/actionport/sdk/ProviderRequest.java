package io.actionport.sdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request to the provider, relative to the integration's base URL.
 *
 * @param method the HTTP method
 * @param path a path below the base URL, e.g. {@code /repos/o/r/issues}; never an absolute URL
 * @param query query parameters, encoded by the client
 * @param headers extra headers; credentials are added by the client
 * @param body a value serialized as JSON, or {@code null} for no body
 */
public record ProviderRequest(
        String method, String path, Map<String, String> query, Map<String, String> headers, Object body) {

    public ProviderRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (path.contains("://")) {
            throw new IllegalArgumentException("provider paths are relative to the integration's base URL: " + path);
        }
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
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

    public static ProviderRequest delete(String path) {
        return new ProviderRequest("DELETE", path, Map.of(), Map.of(), null);
    }

    /** This request with the given query parameters added. */
    public ProviderRequest withQuery(Map<String, String> more) {
        var merged = new LinkedHashMap<>(query);
        merged.putAll(more);
        return new ProviderRequest(method, path, merged, headers, body);
    }

    /** This request with one more header. */
    public ProviderRequest withHeader(String name, String value) {
        var merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new ProviderRequest(method, path, query, merged, body);
    }
}
