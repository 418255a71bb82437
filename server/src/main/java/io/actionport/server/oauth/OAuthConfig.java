package io.actionport.server.oauth;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How {@code /mcp} accepts OAuth access tokens besides static keys; off unless an issuer is set.
 *
 * @param issuer the authorization server whose tokens are accepted (their {@code iss}), or null for off
 * @param resource the audience tokens must carry, or null for this server's own URL + {@code /mcp}
 * @param environment the environment token holders call in, as callers
 * @param scopes the scopes a token needs for {@code /mcp}
 * @param jwksUrl where the issuer's signing keys are, or null to discover them from its metadata
 * @param introspection where opaque (non-JWT) tokens are checked (RFC 7662), or null to accept JWTs only
 */
public record OAuthConfig(
        URI issuer, URI resource, String environment, List<String> scopes, URI jwksUrl, Introspection introspection) {

    /**
     * The issuer's token introspection endpoint and this server's client credentials for it.
     *
     * @param url the endpoint, e.g. {@code https://sso.example.com/realms/main/protocol/openid-connect/token/introspect}
     * @param clientId this server's client at the issuer
     * @param clientSecret its secret, sent with HTTP Basic
     */
    public record Introspection(URI url, String clientId, String clientSecret) {

        public Introspection {
            if (url == null || !url.isAbsolute()) {
                throw new IllegalArgumentException("the OAuth introspection URL '" + url
                        + "' must be an absolute URL, e.g. https://sso.example.com/realms/main/protocol/openid-connect/"
                        + "token/introspect");
            }
            if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
                throw new IllegalArgumentException("token introspection needs this server's client id and secret:"
                        + " set --oauth-client-id and ACTIONPORT_OAUTH_CLIENT_SECRET");
            }
        }

        @Override
        public String toString() {
            // Never print the secret, not even by accident in a log line.
            return "Introspection[" + url + ", client " + clientId + "]";
        }
    }

    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final List<String> DEFAULT_SCOPES = List.of("mcp:tools");

    /** OAuth off: only static keys on {@code /mcp}. */
    public static final OAuthConfig OFF = new OAuthConfig(null, null, DEFAULT_ENVIRONMENT, DEFAULT_SCOPES, null, null);

    public OAuthConfig {
        Objects.requireNonNull(environment, "environment");
        scopes = List.copyOf(scopes);
        if (issuer != null && !issuer.isAbsolute()) {
            throw new IllegalArgumentException("the OAuth issuer '" + issuer
                    + "' must be an absolute URL, e.g. https://sso.example.com/realms/main");
        }
        if (resource != null && !resource.isAbsolute()) {
            throw new IllegalArgumentException(
                    "the OAuth resource '" + resource + "' must be the absolute URL of this server's /mcp");
        }
    }

    /** Accepting tokens of {@code issuer} with the default environment and scope. */
    public static OAuthConfig issuer(URI issuer) {
        return new OAuthConfig(
                Objects.requireNonNull(issuer, "issuer"), null, DEFAULT_ENVIRONMENT, DEFAULT_SCOPES, null, null);
    }

    public boolean enabled() {
        return issuer != null;
    }

    public OAuthConfig withResource(URI value) {
        return new OAuthConfig(issuer, value, environment, scopes, jwksUrl, introspection);
    }

    public OAuthConfig withEnvironment(String value) {
        return new OAuthConfig(issuer, resource, value, scopes, jwksUrl, introspection);
    }

    public OAuthConfig withScopes(List<String> value) {
        return new OAuthConfig(issuer, resource, environment, value, jwksUrl, introspection);
    }

    public OAuthConfig withJwksUrl(URI value) {
        return new OAuthConfig(issuer, resource, environment, scopes, value, introspection);
    }

    /** Checking opaque tokens at the issuer's introspection endpoint too. */
    public OAuthConfig withIntrospection(Introspection value) {
        return new OAuthConfig(issuer, resource, environment, scopes, jwksUrl, value);
    }
}
