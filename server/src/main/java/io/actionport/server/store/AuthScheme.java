package io.actionport.server.store;

import java.util.Locale;

/** How an integration's provider expects credentials. */
public enum AuthScheme {
    /** No credentials. */
    NONE,
    /** {@code Authorization: Bearer <token>}; credential {@code token}. */
    BEARER,
    /** An API key in a named header; credential {@code api_key}. */
    API_KEY_HEADER,
    /** An API key in a named query parameter; credential {@code api_key}. */
    API_KEY_QUERY,
    /** HTTP basic auth; credentials {@code username} and {@code password}. */
    BASIC,
    /**
     * OAuth2 bearer tokens, refreshed at the integration's token URL; credentials {@code
     * access_token}, optional {@code refresh_token} and {@code expires_at} (epoch seconds).
     */
    OAUTH2;

    /** The name used in JSON and on the command line, e.g. {@code api_key_header}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthScheme fromWireName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown auth scheme '" + name
                    + "': use none, bearer, api_key_header, api_key_query, basic or oauth2");
        }
    }
}
