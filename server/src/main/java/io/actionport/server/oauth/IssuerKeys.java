package io.actionport.server.oauth;

import io.actionport.server.store.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where an issuer publishes its signing keys: the configured JWKS URL, else the {@code jwks_uri}
 * of its OpenID Connect discovery document or its RFC 8414 authorization server metadata.
 */
final class IssuerKeys {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private IssuerKeys() {}

    /** @throws BearerRefusal when no metadata document names the keys (the token cannot be checked) */
    static URI jwksUrl(OAuthConfig config) {
        if (config.jwksUrl() != null) {
            return config.jwksUrl();
        }
        var tried = new ArrayList<String>();
        for (var metadata : metadataUrls(config.issuer())) {
            tried.add(metadata.toString());
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(metadata)
                                .timeout(Duration.ofSeconds(10))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    var jwks = Json.MAPPER.readTree(response.body()).path("jwks_uri");
                    if (jwks.isString() && !jwks.asString().isBlank()) {
                        return URI.create(jwks.asString());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The next document may answer.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw BearerRefusal.keysUnavailable("the token cannot be checked now: no jwks_uri found at "
                + String.join(" or ", tried) + "; the server admin should set --oauth-jwks-url");
    }

    /** OpenID Connect appends its document to the issuer; RFC 8414 inserts its before the issuer's path. */
    static List<URI> metadataUrls(URI issuer) {
        var text = issuer.toString().replaceAll("/+$", "");
        var path = issuer.getRawPath() == null ? "" : issuer.getRawPath().replaceAll("/+$", "");
        var origin = text.substring(0, text.length() - path.length());
        return List.of(
                URI.create(text + "/.well-known/openid-configuration"),
                URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    }
}
