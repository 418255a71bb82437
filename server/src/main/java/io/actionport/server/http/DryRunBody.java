package io.actionport.server.http;

import io.actionport.server.store.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * A dry-run request read from its spooled file: {@code {"bundle": base64 jar, "action",
 * "connection_id", "input", "force"}}, where {@code force} runs the action although its input
 * breaks the schema. The jar is decoded as it is read, into a file of its own, so the base64 text
 * is never held whole in memory.
 *
 * @param jar the decoded bundle; the caller deletes it
 */
record DryRunBody(Path jar, String action, String connectionId, JsonNode input, boolean force, String endUser) {

    static DryRunBody read(Path spooled) throws IOException {
        var jar = Files.createTempFile("actionport-dryrun-", ".jar");
        String action = null;
        String connectionId = null;
        String endUser = null;
        boolean bundled = false;
        boolean force = false;
        JsonNode input = Json.MAPPER.createObjectNode();
        try (var parser = Json.MAPPER.createParser(spooled.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ApiErrors.BadRequestException(
                        "malformed_json",
                        "the body must be a JSON object {\"bundle\": base64 jar, \"action\", \"connection_id\", \"input\"}");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                var field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "bundle" -> {
                        try (OutputStream out = Files.newOutputStream(jar)) {
                            parser.readBinaryValue(out);
                        } catch (tools.jackson.core.JacksonException e) {
                            throw new ApiErrors.BadRequestException(
                                    "invalid_parameter", "bundle must be the jar in base64: " + e.getOriginalMessage());
                        }
                        bundled = true;
                    }
                    case "action" -> action = parser.getValueAsString(null);
                    case "connection_id" -> connectionId = parser.getValueAsString(null);
                    case "end_user_id" -> endUser = parser.getValueAsString(null);
                    case "input" -> input = parser.readValueAsTree();
                    case "force" -> force = parser.getValueAsBoolean(false);
                    default -> parser.skipChildren();
                }
            }
            if (!bundled) {
                throw BodyFields.missing("bundle");
            }
            if (action == null || action.isBlank()) {
                throw BodyFields.missing("action");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(jar);
            throw e;
        }
        return new DryRunBody(jar, action, connectionId, input, force, endUser);
    }
}
