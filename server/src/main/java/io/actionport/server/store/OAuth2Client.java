package io.actionport.server.store;

import java.net.URI;
import java.util.List;

/**
 * How an {@code oauth2} integration gets tokens: its authorization server's token endpoint and the
 * client registered there, and, for connect links, where end users authorize and which scopes are asked.
 *
 * @param tokenUrl the token endpoint, e.g. {@code https://oauth2.googleapis.com/token}
 * @param clientId the client id
 * @param clientSecret the client secret, or {@code null} for a public client; stored encrypted
 * @param authorizationUrl where end users authorize (the authorization-code flow), or {@code null}
 *     when the integration takes no connect links
 * @param scopes the scopes asked for at authorization, possibly none
 * @param revocationUrl the RFC 7009 revocation endpoint called on disconnect, or {@code null}
 */
public record OAuth2Client(
        URI tokenUrl,
        String clientId,
        String clientSecret,
        URI authorizationUrl,
        List<String> scopes,
        URI revocationUrl) {

    public OAuth2Client {
        requireHttp("token_url", tokenUrl);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an oauth2 integration needs a client_id");
        }
        if (authorizationUrl != null) {
            requireHttp("authorization_url", authorizationUrl);
        }
        if (revocationUrl != null) {
            requireHttp("revocation_url", revocationUrl);
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** A client that refreshes tokens only: no connect links, no revocation. */
    public OAuth2Client(URI tokenUrl, String clientId, String clientSecret) {
        this(tokenUrl, clientId, clientSecret, null, List.of(), null);
    }

    /** True when end users can connect through a connect link. */
    public boolean offersConnectLinks() {
        return authorizationUrl != null;
    }

    private static void requireHttp(String field, URI url) {
        if (url == null
                || url.getHost() == null
                || url.getScheme() == null
                || !url.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("an oauth2 integration needs an http(s) " + field + ", was " + url);
        }
    }

    @Override
    public String toString() {
        // Never print the client secret.
        return "OAuth2Client[" + tokenUrl + ", " + clientId + "]";
    }
}
