package io.actionport.server.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Fresh key secrets and public key ids. */
public final class KeySecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {}

    /** A fresh random secret (192 bits), URL-safe, with a prefix that tells which environment it opens. */
    public static String newSecret(String environment) {
        var bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "ap_" + environment + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh public key id: {@code key_} and 12 hex digits. */
    public static String newKeyId() {
        var bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "key_" + HexFormat.of().formatHex(bytes);
    }
}
