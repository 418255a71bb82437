package io.actionport.sdk;

import java.util.Map;

/**
 * Calls the connection's provider: paths are resolved against the integration's base URL and the
 * connection's credentials are added; the action never sees them.
 *
 * <p>The JSON helpers throw {@link ProviderException} on a non-2xx answer, so an action only maps
 * the happy path.
 */
public interface ProviderClient {

    /** Sends a request and returns the answer whatever its status. */
    ProviderResponse send(ProviderRequest request);

    /** GETs a path and reads the JSON answer as {@code type}. */
    default <T> T getJson(String path, Class<T> type) {
        return send(ProviderRequest.get(path)).requireSuccess().json(type);
    }

    /** GETs a path with query parameters and reads the JSON answer as {@code type}. */
    default <T> T getJson(String path, Map<String, String> query, Class<T> type) {
        return send(ProviderRequest.get(path).withQuery(query)).requireSuccess().json(type);
    }

    /** POSTs {@code body} as JSON and reads the JSON answer as {@code type}. */
    default <T> T postJson(String path, Object body, Class<T> type) {
        return send(ProviderRequest.post(path, body)).requireSuccess().json(type);
    }

    /** PUTs {@code body} as JSON and reads the JSON answer as {@code type}. */
    default <T> T putJson(String path, Object body, Class<T> type) {
        return send(ProviderRequest.put(path, body)).requireSuccess().json(type);
    }
}
