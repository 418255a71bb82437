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
 */
public record OAuthConfig(URI issuer, URI resource, String environment, List<String> scopes, URI jwksUrl) {

    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final List<String> DEFAULT_SCOPES = List.of("mcp:tools");

    /** OAuth off: only static keys on {@code /mcp}. */
    public static final OAuthConfig OFF = new OAuthConfig(null, null, DEFAULT_ENVIRONMENT, DEFAULT_SCOPES, null);

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
                Objects.requireNonNull(issuer, "issuer"), null, DEFAULT_ENVIRONMENT, DEFAULT_SCOPES, null);
    }

    public boolean enabled() {
        return issuer != null;
    }

    public OAuthConfig withResource(URI value) {
        return new OAuthConfig(issuer, value, environment, scopes, jwksUrl);
    }

    public OAuthConfig withEnvironment(String value) {
        return new OAuthConfig(issuer, resource, value, scopes, jwksUrl);
    }

    public OAuthConfig withScopes(List<String> value) {
        return new OAuthConfig(issuer, resource, environment, value, jwksUrl);
    }

    public OAuthConfig withJwksUrl(URI value) {
        return new OAuthConfig(issuer, resource, environment, scopes, value);
    }
}
