package io.actionport.server.store;

import java.net.URI;

/**
 * How an {@code oauth2} integration gets new tokens: its authorization server's token endpoint and
 * the client registered there.
 *
 * @param tokenUrl the token endpoint, e.g. {@code https://oauth2.googleapis.com/token}
 * @param clientId the client id
 * @param clientSecret the client secret, or {@code null} for a public client; stored encrypted
 */
public record OAuth2Client(URI tokenUrl, String clientId, String clientSecret) {

    public OAuth2Client {
        if (tokenUrl == null
                || tokenUrl.getHost() == null
                || !tokenUrl.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("an oauth2 integration needs an http(s) token_url, was " + tokenUrl);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an oauth2 integration needs a client_id");
        }
    }

    @Override
    public String toString() {
        // Never print the client secret.
        return "OAuth2Client[" + tokenUrl + ", " + clientId + "]";
    }
}
