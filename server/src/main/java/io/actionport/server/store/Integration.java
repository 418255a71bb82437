package io.actionport.server.store;

import java.net.URI;
import java.util.Objects;

/**
 * A provider configuration in one environment.
 *
 * @param environment the environment
 * @param key the provider config key, e.g. {@code github}
 * @param baseUrl where provider paths are resolved; the only host actions may reach
 * @param authScheme how credentials are sent
 * @param authName the header or query parameter name for API-key schemes, else {@code null}
 */
public record Integration(String environment, String key, URI baseUrl, AuthScheme authScheme, String authName) {

    public Integration {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(authScheme, "authScheme");
        if (baseUrl == null || baseUrl.getHost() == null || !baseUrl.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("integration " + key + " needs an http(s) base URL, was " + baseUrl);
        }
        if ((authScheme == AuthScheme.API_KEY_HEADER || authScheme == AuthScheme.API_KEY_QUERY)
                && (authName == null || authName.isBlank())) {
            throw new IllegalArgumentException("integration " + key + " uses " + authScheme.wireName()
                    + " and needs the header or parameter name");
        }
    }
}
