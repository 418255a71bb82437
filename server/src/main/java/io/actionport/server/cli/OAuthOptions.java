package io.actionport.server.cli;

import io.actionport.server.oauth.OAuthConfig;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code serve} flags that let {@code /mcp} accept OAuth access tokens; see {@link OAuthConfig}. */
final class OAuthOptions {

    @Option(
            names = "--oauth-issuer",
            defaultValue = "${env:ACTIONPORT_OAUTH_ISSUER}",
            description = "Accept access tokens of this OAuth/OIDC issuer on /mcp besides keys"
                    + " (or ACTIONPORT_OAUTH_ISSUER; default: off).")
    URI issuer;

    @Option(
            names = "--oauth-resource",
            defaultValue = "${env:ACTIONPORT_OAUTH_RESOURCE}",
            description = "The audience tokens must carry: this server's public /mcp URL"
                    + " (or ACTIONPORT_OAUTH_RESOURCE; default: the listening URL + /mcp).")
    URI resource;

    @Option(
            names = "--oauth-environment",
            defaultValue = "${env:ACTIONPORT_OAUTH_ENVIRONMENT:-dev}",
            description = "The environment token holders call in, as callers"
                    + " (or ACTIONPORT_OAUTH_ENVIRONMENT; default: dev).")
    String environment;

    @Option(
            names = "--oauth-scope",
            split = ",",
            defaultValue = "${env:ACTIONPORT_OAUTH_SCOPES:-mcp:tools}",
            description = "A scope that, with the others given, lets a token call every tool (repeatable or"
                    + " comma-separated; or ACTIONPORT_OAUTH_SCOPES; default: mcp:tools); mcp:read, mcp:write and"
                    + " mcp:tools:<integration> grant read-only tools, every tool, one integration's.")
    List<String> scopes;

    @Option(
            names = "--oauth-jwks-url",
            defaultValue = "${env:ACTIONPORT_OAUTH_JWKS_URL}",
            description = "The issuer's signing keys (or ACTIONPORT_OAUTH_JWKS_URL; default: the jwks_uri"
                    + " of its /.well-known/openid-configuration or oauth-authorization-server).")
    URI jwksUrl;

    @Option(
            names = "--oauth-introspection-url",
            defaultValue = "${env:ACTIONPORT_OAUTH_INTROSPECTION_URL}",
            description = "Check opaque (non-JWT) tokens at the issuer's RFC 7662 introspection endpoint, as the client"
                    + " --oauth-client-id with the secret in ACTIONPORT_OAUTH_CLIENT_SECRET"
                    + " (or ACTIONPORT_OAUTH_INTROSPECTION_URL; default: JWTs only).")
    URI introspectionUrl;

    @Option(
            names = "--oauth-client-id",
            defaultValue = "${env:ACTIONPORT_OAUTH_CLIENT_ID}",
            description =
                    "This server's client at the issuer, for token introspection (or ACTIONPORT_OAUTH_CLIENT_ID).")
    String clientId;

    /** The client secret comes from the environment only: a flag would show in the process list. */
    String clientSecret = System.getenv("ACTIONPORT_OAUTH_CLIENT_SECRET");

    OAuthConfig oauth() {
        if (issuer == null) {
            return OAuthConfig.OFF;
        }
        return OAuthConfig.issuer(issuer)
                .withResource(resource)
                .withEnvironment(environment)
                .withScopes(scopes.stream()
                        .map(String::trim)
                        .filter(scope -> !scope.isEmpty())
                        .toList())
                .withJwksUrl(jwksUrl)
                .withIntrospection(
                        introspectionUrl == null
                                ? null
                                : new OAuthConfig.Introspection(introspectionUrl, clientId, clientSecret));
    }
}
