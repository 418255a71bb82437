package io.actionport.server.mcp.stateless;

import io.actionport.server.store.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code requestState} of a multi round-trip tool call: the answers given so far, signed with
 * a key every node derives from the master key, and bound to the tool, a hash of its arguments,
 * the environment, the caller's key and an expiry. A state that was altered, expired, or made for
 * another call or caller is refused; any node can continue the call.
 */
public final class RequestStates {

    /** How long a caller has to answer before the call must start over. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final byte[] key;
    private final Clock clock;

    public RequestStates(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** What a state is bound to. */
    record Binding(String tool, JsonNode arguments, String environment, String caller) {}

    /** A state carrying {@code answers} for the next round of the call {@code binding} describes. */
    String issue(Binding binding, ObjectNode answers) {
        var payload = Json.MAPPER.createObjectNode();
        payload.put("tool", binding.tool());
        payload.put("arguments", digest(binding.arguments()));
        payload.put("environment", binding.environment());
        payload.put("caller", binding.caller());
        payload.put("expires", clock.instant().plus(LIFETIME).getEpochSecond());
        payload.set("answers", answers);
        var encoded = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return encoded + "." + sign(encoded);
    }

    /** The answers a state carries, once it is proven to be ours, unexpired and made for this call. */
    ObjectNode answers(String state, Binding binding) {
        var dot = state.lastIndexOf('.');
        if (dot <= 0
                || !MessageDigest.isEqual(
                        sign(state.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                        state.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("it was not issued by this server or was altered");
        }
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(state.substring(0, dot)));
        } catch (RuntimeException e) {
            throw invalid("it cannot be read");
        }
        if (payload.path("expires").asLong() < clock.instant().getEpochSecond()) {
            throw invalid("it expired; call the tool again without requestState and inputResponses");
        }
        if (!payload.path("tool").asString().equals(binding.tool())
                || !payload.path("arguments").asString().equals(digest(binding.arguments()))
                || !payload.path("environment").asString().equals(binding.environment())
                || !payload.path("caller").asString().equals(binding.caller())) {
            throw invalid("it was issued for another call (tool, arguments or caller differ)");
        }
        return payload.get("answers") instanceof ObjectNode answers ? answers : Json.MAPPER.createObjectNode();
    }

    private static StatelessError invalid(String why) {
        return StatelessError.invalidParams("params.requestState is invalid: " + why);
    }

    private String sign(String text) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** A hash of the arguments that does not depend on the order of their fields. */
    private static String digest(JsonNode arguments) {
        try {
            var canonical = Json.MAPPER.writeValueAsString(canonical(arguments));
            var hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            var sorted = new TreeMap<String, Object>();
            node.properties().forEach(field -> sorted.put(field.getKey(), canonical(field.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            var items = new java.util.ArrayList<Object>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return Json.MAPPER.convertValue(node, Object.class);
    }
}
