package io.actionport.server.egress;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a URL's host the way resolvers and browsers do before anything is decided: IPv6 literals
 * with or without brackets, and every numeric IPv4 form ({@code 2130706433}, {@code 0x7f000001},
 * {@code 017700000001}, {@code 127.1}), and {@code localhost}, so no spelling of an address slips
 * past the policy as a name.
 */
final class HostNames {

    /** Names of cloud metadata services, refused whatever they resolve to. */
    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata",
            "metadata.google.internal",
            "metadata.goog",
            "metadata.azure.com",
            "metadata.azure.internal",
            "instance-data",
            "instance-data.ec2.internal");

    private HostNames() {}

    /** The host in lower case, without brackets or a trailing dot. */
    static String normalize(String host) {
        var lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * The address a host spells, without any lookup; empty for a host name.
     *
     * @throws IllegalArgumentException when the host looks numeric but is no valid address
     */
    static Optional<InetAddress> literal(String host) {
        var name = normalize(host);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            // RFC 6761: always the loopback interface, never asked of DNS.
            return Optional.of(address(new byte[] {127, 0, 0, 1}));
        }
        if (name.indexOf(':') >= 0) {
            var bytes = NetUtil.createByteArrayFromIpAddressString(name);
            if (bytes == null) {
                throw new IllegalArgumentException("'" + host + "' is not a valid IPv6 address");
            }
            return Optional.of(address(bytes));
        }
        var labels = name.split("\\.", -1);
        if (!isNumber(labels[labels.length - 1])) {
            return Optional.empty();
        }
        // A host whose last label is a number is an IPv4 address (WHATWG URL), in inet_aton's forms.
        if (labels.length > 4) {
            throw new IllegalArgumentException("'" + host + "' ends in a number but is no valid IPv4 address");
        }
        long[] parts = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (!isNumber(labels[i])) {
                throw new IllegalArgumentException("'" + host + "' ends in a number but is no valid IPv4 address");
            }
            parts[i] = number(labels[i]);
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i] > 255) {
                throw new IllegalArgumentException("'" + host + "' has a part over 255");
            }
            value |= parts[i] << (8 * (3 - i));
        }
        long last = parts[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            throw new IllegalArgumentException("'" + host + "' is out of the IPv4 range");
        }
        value |= last;
        return Optional.of(
                address(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}));
    }

    /** Why a host name is refused by name alone, or empty. */
    static Optional<String> refusedName(String host) {
        var name = normalize(host);
        if (METADATA_NAMES.contains(name)) {
            return Optional.of("it names a cloud metadata service");
        }
        if (name.isEmpty()
                || !name.chars().allMatch(c -> c == '-' || c == '.' || c == '_' || Character.isLetterOrDigit(c))) {
            return Optional.of("it is not a valid host name");
        }
        return Optional.empty();
    }

    private static boolean isNumber(String label) {
        if (label.isEmpty()) {
            return false;
        }
        if (label.startsWith("0x")) {
            return label.length() <= 2 + 8 && label.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return label.length() <= 12 && label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long number(String label) {
        if (label.startsWith("0x")) {
            return label.length() == 2 ? 0 : Long.parseLong(label.substring(2), 16);
        }
        if (label.length() > 1 && label.startsWith("0")) {
            if (!label.chars().allMatch(c -> c >= '0' && c <= '7')) {
                throw new IllegalArgumentException("'" + label + "' is not a valid octal number");
            }
            return Long.parseLong(label, 8);
        }
        return Long.parseLong(label);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
