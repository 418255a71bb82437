package io.actionport.server.egress;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Tells why an address is not a public destination: loopback, private, link-local, unique-local,
 * unspecified, shared (CGNAT), multicast, broadcast or reserved, or a cloud metadata service. IPv6
 * forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the
 * IPv4 address they carry.
 */
final class ReservedAddresses {

    private ReservedAddresses() {}

    /** Why {@code address} is refused, or empty when it is a public address. */
    static Optional<String> why(InetAddress address) {
        var bytes = address.getAddress();
        return Optional.ofNullable(bytes.length == 4 ? ipv4(bytes, 0) : ipv6(bytes));
    }

    private static String ipv4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        int a3 = b[at + 3] & 0xff;
        if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) {
            return "a cloud metadata address (169.254.169.254)";
        }
        if (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200) {
            return "a cloud metadata address (100.100.100.200)";
        }
        if (a0 == 0) {
            return "an unspecified address (0.0.0.0/8)";
        }
        if (a0 == 127) {
            return "a loopback address (127.0.0.0/8)";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "a private address (10/8, 172.16/12, 192.168/16)";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address (169.254/16)";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "a shared carrier-grade NAT address (100.64/10)";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "a reserved protocol address (192.0.0/24)";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "a reserved benchmarking address (198.18/15)";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast address (224/4)";
        }
        if (a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255) {
            return "the broadcast address (255.255.255.255)";
        }
        if (a0 >= 240) {
            return "a reserved address (240/4)";
        }
        return null;
    }

    private static String ipv6(byte[] b) {
        if (isMetadataV6(b)) {
            return "a cloud metadata address (fd00:ec2::254)";
        }
        if (zeros(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
            return b[15] == 0 ? "an unspecified address (::)" : "a loopback address (::1)";
        }
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded("an IPv4-mapped address", b, 12);
        }
        if (zeros(b, 0, 12)) {
            return embedded("an IPv4-compatible address", b, 12);
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            if (zeros(b, 4, 12)) {
                return embedded("a NAT64 address (64:ff9b::/96)", b, 12);
            }
            return "a local-use NAT64 address (64:ff9b:1::/48)";
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return embedded("a 6to4 address (2002::/16)", b, 2);
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            var client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            return embedded("a Teredo address (2001::/32)", client, 0);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return "a link-local address (fe80::/10)";
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return "a site-local address (fec0::/10)";
        }
        if ((first & 0xfe) == 0xfc) {
            return "a unique-local address (fc00::/7)";
        }
        if (first == 0xff) {
            return "a multicast address (ff00::/8)";
        }
        return null;
    }

    /** An IPv6 form carrying an IPv4 address is refused when that address would be. */
    private static String embedded(String form, byte[] b, int at) {
        var inner = ipv4(b, at);
        return inner == null
                ? null
                : form + " of " + (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "."
                        + (b[at + 3] & 0xff) + ", " + inner;
    }

    private static boolean isMetadataV6(byte[] b) {
        return (b[0] & 0xff) == 0xfd
                && b[1] == 0
                && b[2] == 0x0e
                && (b[3] & 0xff) == 0xc2
                && zeros(b, 4, 14)
                && b[14] == 0x02
                && b[15] == 0x54;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
