package io.actionport.server.connection;

import java.util.Map;

/**
 * What one request to a provider carries to authenticate; never logged, never shown to an action.
 *
 * @param headers headers to set, e.g. {@code Authorization}
 * @param query query parameters to add, e.g. an API key
 */
public record Credentials(Map<String, String> headers, Map<String, String> query) {

    public Credentials {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    static Credentials header(String name, String value) {
        return new Credentials(Map.of(name, value), Map.of());
    }

    @Override
    public String toString() {
        return "Credentials[headers " + headers.keySet() + ", query " + query.keySet() + "]";
    }
}
