package io.actionport.server.runner;

import io.actionport.server.store.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.JsonNodeFeature;

/**
 * What the audit log keeps of a call's arguments: the hex SHA-256 of their canonical JSON (object
 * members sorted by name, no whitespace), so equal arguments give equal hashes whatever their order,
 * and the arguments themselves are never shown.
 */
public final class ArgumentsHash {

    private static final ObjectWriter CANONICAL = Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    /** Copied for each hash: a copy costs less than looking the algorithm up among the providers. */
    private static final MessageDigest SHA_256 = sha256();

    private ArgumentsHash() {}

    public static String of(JsonNode arguments) {
        return HexFormat.of().formatHex(copy().digest(CANONICAL.writeValueAsBytes(arguments)));
    }

    private static MessageDigest copy() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
