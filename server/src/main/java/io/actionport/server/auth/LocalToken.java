package io.actionport.server.auth;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Decides whether a request comes from {@code actionport mcp} of the same user on this machine:
 * it carries this process's random token, which only the owner-only run file in the data
 * directory publishes, and it arrives over loopback. Such a caller may use {@code /mcp} of any
 * environment, as a caller.
 */
public final class LocalToken {

    private final String value;

    private LocalToken(String value) {
        this.value = value;
    }

    /** A fresh token for this process. */
    public static LocalToken random() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new LocalToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public String value() {
        return value;
    }

    /** True when {@code bearer} is this token and the request came over loopback. */
    boolean accepts(String bearer, SocketAddress from) {
        return from instanceof InetSocketAddress address
                && address.getAddress() != null
                && address.getAddress().isLoopbackAddress()
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), bearer.getBytes(StandardCharsets.UTF_8));
    }
}
