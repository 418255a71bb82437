package io.actionport.server.http;

import io.actionport.server.Printable;
import java.util.Map;

/** What a connection's credentials must hold beyond non-empty strings: the values the server itself reads. */
final class CredentialValues {

    private CredentialValues() {}

    /** The credentials, once {@code expires_at} (an OAuth2 token's expiry) is known to be epoch seconds. */
    static Map<String, String> check(Map<String, String> credentials) {
        var expiresAt = credentials.get("expires_at");
        if (expiresAt != null) {
            try {
                Long.parseLong(expiresAt.trim());
            } catch (NumberFormatException e) {
                throw new ApiErrors.BadRequestException(
                        "invalid_parameter",
                        "credentials.expires_at must be the token's expiry in epoch seconds (a whole number such as"
                                + " 1767225600), was '" + Printable.quote(expiresAt) + "'");
            }
        }
        return credentials;
    }
}
