package io.actionport.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the Standard Webhooks way: HMAC-SHA256 over {@code id.timestamp.body} with
 * the secret's key bytes, sent as {@code webhook-signature: v1,<base64>}.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";

    private final byte[] key;

    /** @param secret {@code whsec_} followed by the Base64 of the key, as Standard Webhooks writes it */
    public WebhookSigner(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret has the form whsec_<base64 of the key>");
        }
        try {
            this.key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret after whsec_ must be base64: " + e.getMessage());
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the webhook secret has no key after whsec_");
        }
    }

    /** The {@code webhook-signature} header value for one message. */
    public String sign(String messageId, long timestampSeconds, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var signed =
                    mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
