package io.actionport.server.oauth;

import io.actionport.server.ActionportException;

/**
 * A request to {@code /mcp} refused while OAuth is on: 401 without a usable credential, 403 for a
 * token without the needed scope. It carries what the {@code WWW-Authenticate} challenge says.
 */
public final class BearerRefusal extends ActionportException {

    private final int status;
    private final String error;
    private final String scope;

    /**
     * @param error the RFC 6750 error code, or null when the request carried no credential
     * @param scope the scopes the challenge asks for, or null for those {@code /mcp} needs
     */
    BearerRefusal(int status, String error, String description, String scope) {
        super(error == null ? "missing_auth" : error, description);
        this.status = status;
        this.error = error;
        this.scope = scope;
    }

    BearerRefusal(int status, String error, String description) {
        this(status, error, description, null);
    }

    static BearerRefusal noCredential(String description) {
        return new BearerRefusal(401, null, description);
    }

    static BearerRefusal invalidToken(String description) {
        return new BearerRefusal(401, "invalid_token", description);
    }

    static BearerRefusal insufficientScope(String description) {
        return new BearerRefusal(403, "insufficient_scope", description);
    }

    /** A step-up challenge: the token must be requested again with {@code scope}. */
    static BearerRefusal insufficientScope(String description, String scope) {
        return new BearerRefusal(403, "insufficient_scope", description, scope);
    }

    /** The issuer's keys could not be fetched: a fault of this side, not of the token. */
    static BearerRefusal keysUnavailable(String description) {
        return new BearerRefusal(503, "temporarily_unavailable", description);
    }

    public int status() {
        return status;
    }

    /** The scopes a step-up challenge asks for, or null when it asks for those {@code /mcp} needs. */
    public String scope() {
        return scope;
    }

    /**
     * The {@code WWW-Authenticate} value (RFC 6750, RFC 9728 section 5.1).
     *
     * @param metadataUrl where the protected resource metadata is
     * @param scopes the scopes {@code /mcp} needs, space-separated
     */
    public String challenge(String metadataUrl, String scopes) {
        if (scope != null) {
            scopes = scope;
        }
        var value = new StringBuilder("Bearer ");
        if (error == null) {
            value.append("resource_metadata=\"")
                    .append(metadataUrl)
                    .append("\", scope=\"")
                    .append(scopes)
                    .append('"');
        } else {
            value.append("error=\"")
                    .append(error)
                    .append("\", error_description=\"")
                    .append(quotable(getMessage()))
                    .append("\", resource_metadata=\"")
                    .append(metadataUrl)
                    .append("\", scope=\"")
                    .append(scopes)
                    .append('"');
        }
        return value.toString();
    }

    /** A quoted-string may not hold quotes, backslashes or control characters. */
    private static String quotable(String text) {
        return text.replaceAll("[\"\\\\\\p{Cntrl}]", "'");
    }
}
