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

    private ArgumentsHash() {}

    public static String of(JsonNode arguments) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(arguments));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
