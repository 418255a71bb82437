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
 * @param oauth2 the token endpoint and client of an {@code oauth2} integration, else {@code null}
 */
public record Integration(
        String environment, String key, URI baseUrl, AuthScheme authScheme, String authName, OAuth2Client oauth2) {

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
        if ((authScheme == AuthScheme.OAUTH2) != (oauth2 != null)) {
            throw new IllegalArgumentException("integration " + key
                    + (oauth2 == null
                            ? " uses oauth2 and needs token_url and client_id"
                            : " uses " + authScheme.wireName() + ", which takes no token_url or client"));
        }
    }

    /** An integration without OAuth2. */
    public Integration(String environment, String key, URI baseUrl, AuthScheme authScheme, String authName) {
        this(environment, key, baseUrl, authScheme, authName, null);
    }

    /** This integration with its provider at another base URL. */
    public Integration withBaseUrl(URI newBaseUrl) {
        return new Integration(environment, key, newBaseUrl, authScheme, authName, oauth2);
    }
}
