package io.actionport.server.egress;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One allow-list entry: a host name or address, optionally with a port ({@code host:port},
 * {@code [v6]:port}), or a CIDR block ({@code 10.1.0.0/16}) of any port.
 *
 * @param name the host name it allows, or null
 * @param address the address it allows (the network's, for a CIDR block), or null
 * @param prefix the CIDR prefix length, or the address's full length
 * @param port the port it allows, or -1 for any
 */
record AllowEntry(String name, InetAddress address, int prefix, int port) {

    static AllowEntry parse(String entry) {
        var text = entry.trim();
        try {
            int slash = text.indexOf('/');
            if (slash >= 0) {
                var network = HostNames.literal(text.substring(0, slash))
                        .orElseThrow(() -> new IllegalArgumentException("a CIDR block needs an address"));
                int prefix = Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > network.getAddress().length * 8) {
                    throw new IllegalArgumentException("the prefix length is out of range");
                }
                return new AllowEntry(null, network, prefix, -1);
            }
            var host = text;
            int port = -1;
            int colon = text.lastIndexOf(':');
            boolean bracketed = text.startsWith("[");
            if (colon > 0 && (bracketed ? text.charAt(colon - 1) == ']' : text.indexOf(':') == colon)) {
                host = text.substring(0, colon);
                port = Integer.parseInt(text.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("the port is out of range");
                }
            }
            Optional<InetAddress> literal = HostNames.literal(host);
            if (literal.isPresent()) {
                var address = literal.get();
                return new AllowEntry(null, address, address.getAddress().length * 8, port);
            }
            return new AllowEntry(HostNames.normalize(host), null, 0, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "egress allow entry '" + entry + "' is not a host, host:port or CIDR block: " + e.getMessage(), e);
        }
    }

    /** True when this entry allows connecting to {@code address}, found for {@code host}, on {@code port}. */
    boolean allows(String host, InetAddress resolved, int port) {
        if (this.port != -1 && this.port != port) {
            return false;
        }
        if (name != null) {
            return name.equals(HostNames.normalize(host));
        }
        return resolved != null && contains(resolved);
    }

    private boolean contains(InetAddress candidate) {
        var network = address.getAddress();
        var bytes = candidate.getAddress();
        if (network.length != bytes.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (bytes[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
