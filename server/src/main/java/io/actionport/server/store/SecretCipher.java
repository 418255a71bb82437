package io.actionport.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM; each value gets a fresh 96-bit nonce, stored in front
 * of the ciphertext, and the whole is Base64 text.
 */
public final class SecretCipher {

    /** The environment variable that holds the master key, Base64 of 32 bytes. */
    public static final String MASTER_KEY_ENV = "ACTIONPORT_MASTER_KEY";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "the master key must be 32 bytes (Base64 of 32 random bytes), was " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A cipher with the given 32-byte key. */
    public static SecretCipher withKey(byte[] key) {
        return new SecretCipher(key);
    }

    /**
     * The master key from {@value #MASTER_KEY_ENV} when set, else from {@code master.key} in the data
     * directory, generated there (readable by the owner only) on first start.
     */
    public static SecretCipher fromEnvironmentOrKeyFile(String envValue, Path dataDir) {
        if (envValue != null && !envValue.isBlank()) {
            return withKey(Base64.getDecoder().decode(envValue.trim()));
        }
        var file = dataDir.resolve("master.key");
        try {
            if (Files.notExists(file)) {
                var key = new byte[32];
                new SecureRandom().nextBytes(key);
                OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(key));
            }
            return withKey(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    /** A key for another purpose (e.g. signing), derived from the master key: the same on every node. */
    public byte[] derive(String purpose) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    public String encrypt(String plaintext) {
        try {
            var nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String encoded) {
        try {
            var bytes = Base64.getDecoder().decode(encoded);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot decrypt a stored secret: the master key differs from the one it was written with", e);
        }
    }
}
