package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    @TempDir
    Path dataDir;

    @Test
    void encrypts_with_a_fresh_nonce_each_time_and_decrypts_back() {
        var cipher = SecretCipher.withKey(new byte[32]);

        var first = cipher.encrypt("token-123");
        var second = cipher.encrypt("token-123");

        assertThat(first).isNotEqualTo(second).doesNotContain("token-123");
        assertThat(cipher.decrypt(first)).isEqualTo("token-123");
        assertThat(cipher.decrypt(second)).isEqualTo("token-123");
    }

    @Test
    void another_key_cannot_decrypt_and_says_why() {
        var sealed = SecretCipher.withKey(new byte[32]).encrypt("secret");
        var otherKey = new byte[32];
        otherKey[0] = 1;

        assertThatThrownBy(() -> SecretCipher.withKey(otherKey).decrypt(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the master key differs");
    }

    @Test
    void generates_an_owner_only_key_file_once_and_reuses_it() throws Exception {
        var sealed = SecretCipher.fromEnvironmentOrKeyFile(null, dataDir).encrypt("kept");

        var keyFile = dataDir.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(SecretCipher.fromEnvironmentOrKeyFile(null, dataDir).decrypt(sealed))
                .isEqualTo("kept");
    }

    @Test
    void a_key_of_the_wrong_length_is_refused() {
        assertThatThrownBy(() -> SecretCipher.withKey(new byte[16]))
                .hasMessage("the master key must be 32 bytes (Base64 of 32 random bytes), was 16");
    }
}
