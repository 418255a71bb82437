package io.actionport.server;

import java.util.regex.Pattern;

/**
 * What the names callers send may look like (connection ids, integration keys, environments,
 * action names, idempotency keys) and how long they may be. Every door checks them here before a
 * name reaches the store, so a name is either refused up front with the rule it breaks, or one that
 * can be stored, found, shown in a URL path and deleted again.
 */
public final class Identifiers {

    /** The kinds of names, each with its characters and the length its database column holds. */
    public enum Kind {
        /** Nango allows more, but no '/', whitespace or control characters, which break paths and logs. */
        CONNECTION_ID("[A-Za-z0-9._:@+=~-]", "ASCII letters, digits and . _ : @ + = ~ -", 256),
        /** Identity providers' subjects too, e.g. {@code auth0|5f7c...} or an e-mail address. */
        END_USER_ID("[A-Za-z0-9._:@+=~|-]", "ASCII letters, digits and . _ : @ + = ~ | -", 256),
        INTEGRATION_KEY("[A-Za-z0-9._:@~-]", "ASCII letters, digits and . _ : @ ~ -", 64),
        ENVIRONMENT("[A-Za-z0-9._-]", "ASCII letters, digits and . _ -", 64),
        /** {@code integration/name} or a bare name, as deployed actions are named. */
        ACTION_NAME("[A-Za-z0-9._/-]", "ASCII letters, digits and . _ / -", 129),
        /** Any visible ASCII, as HTTP headers carry it. */
        IDEMPOTENCY_KEY("[\\x21-\\x7E]", "visible ASCII characters (no spaces)", 256);

        private final Pattern characters;
        private final String description;
        private final int maxLength;

        Kind(String characterClass, String description, int maxLength) {
            this.characters = Pattern.compile(characterClass + "+");
            this.description = description;
            this.maxLength = maxLength;
        }

        public int maxLength() {
            return maxLength;
        }

        /** Whether a value is a well-formed name of this kind. */
        public boolean allows(String value) {
            return value != null
                    && !value.isEmpty()
                    && value.length() <= maxLength
                    && characters.matcher(value).matches();
        }
    }

    private Identifiers() {}

    /** Checks a name from a body field, query or path parameter; 400 {@code invalid_parameter} naming it. */
    public static String requireParameter(Kind kind, String field, String value) {
        return require(kind, "invalid_parameter", field, value);
    }

    /** Checks a name from a header; 400 {@code invalid_header} naming it. */
    public static String requireHeader(Kind kind, String header, String value) {
        return require(kind, "invalid_header", header, value);
    }

    /** Like {@link #requireHeader}, but an absent header is fine. */
    public static String optionalHeader(Kind kind, String header, String value) {
        return value == null ? null : requireHeader(kind, header, value);
    }

    private static String require(Kind kind, String code, String field, String value) {
        if (kind.allows(value)) {
            return value;
        }
        if (value == null || value.isEmpty()) {
            throw new InvalidIdentifierException(code, field, field + " is required: " + rule(kind));
        }
        if (value.length() > kind.maxLength) {
            throw new InvalidIdentifierException(
                    code,
                    field,
                    field + " is " + value.length() + " characters long, over the limit of " + kind.maxLength);
        }
        throw new InvalidIdentifierException(
                code, field, field + " must be " + rule(kind) + ", was '" + Printable.quote(value) + "'");
    }

    private static String rule(Kind kind) {
        return "1 to " + kind.maxLength + " " + kind.description;
    }

    /** A name breaks its rule; the message names the field and the rule. */
    public static final class InvalidIdentifierException extends ActionportException {

        private final String field;

        public InvalidIdentifierException(String code, String field, String message) {
            super(code, message);
            this.field = field;
        }

        /** The field, parameter or header that carried the name. */
        public String field() {
            return field;
        }
    }
}
