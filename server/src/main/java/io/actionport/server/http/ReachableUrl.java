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
            host = "[" + compressed(address.getHostAddress()).replace("%", "%25") + "]";
        } else {
            host = address.getHostAddress();
        }
        return URI.create("http://" + host + ":" + socket.getPort());
    }

    /**
     * The RFC 5952 text of an IPv6 address as Java writes it ({@code 0:0:0:0:0:0:0:1} becomes
     * {@code ::1}): leading zeros dropped already, the longest run of two or more zero groups
     * (the first of equal runs) written {@code ::}.
     */
    static String compressed(String javaText) {
        int zone = javaText.indexOf('%');
        var groups = (zone < 0 ? javaText : javaText.substring(0, zone)).split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        var text = bestStart < 0
                ? String.join(":", groups)
                : String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart)) + "::"
                        + String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return zone < 0 ? text : text + javaText.substring(zone);
    }

    /** True for {@code 0.0.0.0} and {@code ::}: every interface, so other machines may reach the server. */
    public static boolean isWildcard(SocketAddress bound) {
        return bound instanceof InetSocketAddress socket
                && socket.getAddress() != null
                && socket.getAddress().isAnyLocalAddress();
    }
}
