package io.actionport.server.http;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;

/**
 * The URL a client on this machine uses to reach the server: a wildcard bind ({@code 0.0.0.0},
 * {@code ::}) is reached on loopback, and an IPv6 address is written in brackets.
 */
public final class ReachableUrl {

    private ReachableUrl() {}

    public static URI of(SocketAddress bound) {
        if (!(bound instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            throw new IllegalArgumentException("not an IP socket address: " + bound);
        }
        var address = socket.getAddress();
        String host;
        if (address.isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else if (address instanceof Inet6Address) {
            // A zone such as %eth0 is written %25eth0 inside a URL (RFC 6874).
            host = "[" + address.getHostAddress().replace("%", "%25") + "]";
        } else {
            host = address.getHostAddress();
        }
        return URI.create("http://" + host + ":" + socket.getPort());
    }

    /** True for {@code 0.0.0.0} and {@code ::}: every interface, so other machines may reach the server. */
    public static boolean isWildcard(SocketAddress bound) {
        return bound instanceof InetSocketAddress socket
                && socket.getAddress() != null
                && socket.getAddress().isAnyLocalAddress();
    }
}
