package io.actionport.examples;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook the way the Standard Webhooks specification says a receiver must: the signature
 * is {@code v1,} and the Base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret's key, and
 * the timestamp is recent, so a captured delivery cannot be replayed later.
 */
public final class StandardWebhooks {

    /** How far a delivery's timestamp may be from now. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    /** @param secret {@code whsec_} followed by the Base64 of the key, as given to {@code PUT /webhook} */
    public StandardWebhooks(String secret) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    /**
     * True when one of the signatures in {@code signatureHeader} (space-separated, e.g. {@code v1,abc=
     * v1,def=}) signs this delivery and its timestamp is within {@link #TOLERANCE} of {@code now}.
     */
    public boolean verify(String id, String timestamp, String body, String signatureHeader, Instant now) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        var expected = ("v1," + sign(id + "." + timestamp + "." + body)).getBytes(StandardCharsets.UTF_8);
        for (var signature : signatureHeader.split(" ")) {
            // Constant time, so the comparison does not tell an attacker how much of a guess was right.
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    /** The Base64 HMAC-SHA256 of {@code content} under the key. */
    String sign(String content) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
