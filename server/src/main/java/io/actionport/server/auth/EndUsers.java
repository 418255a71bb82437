package io.actionport.server.auth;

import io.actionport.server.Identifiers;

/**
 * Decides whom a call acts for: an OAuth caller acts for its token's subject and nobody else; a key
 * holder (a backend) acts for the end user it names in the {@value #HEADER} header, or for nobody.
 * Every door asks this class, and the end user then picks and limits the connections the call may use.
 */
public final class EndUsers {

    /** The header (HTTP and MCP) in which a backend names the end user it calls for. */
    public static final String HEADER = "End-User-Id";

    private EndUsers() {}

    /**
     * The {@value #HEADER} header of a request: null when absent; sent empty or more than once, it
     * is refused (a backend that sends an unset variable must not act for nobody without knowing).
     */
    public static String header(io.netty.handler.codec.http.HttpHeaders headers) {
        var values = headers.getAll(HEADER);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new Identifiers.InvalidIdentifierException(
                    "invalid_header", HEADER, HEADER + " was sent " + values.size() + " times; send it once");
        }
        return Identifiers.requireHeader(
                Identifiers.Kind.END_USER_ID, HEADER, values.getFirst().trim());
    }

    /**
     * The end user of a call, or null.
     *
     * @param principal the caller, or null when no key asked (stdio)
     * @param named the {@value #HEADER} header, or null
     * @throws AuthException 403 when an OAuth caller names another end user than its subject
     */
    public static String of(Principal principal, String named) {
        var header =
                named == null ? null : Identifiers.requireHeader(Identifiers.Kind.END_USER_ID, HEADER, named.trim());
        if (principal != null && principal.isTokenHolder()) {
            var subject = principal.keyId().substring(Principal.OAUTH_KEY_ID_PREFIX.length());
            if (header != null && !header.equals(subject)) {
                throw new AuthException(
                        403,
                        "end_user_mismatch",
                        "an OAuth access token acts for its subject '" + subject + "' only; drop the " + HEADER
                                + " header");
            }
            return subject;
        }
        return header;
    }
}
