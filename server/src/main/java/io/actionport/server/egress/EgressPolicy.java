package io.actionport.server.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Decides where the server may send requests. A URL must be {@code http} or {@code https}, name a
 * host and carry no user info; the address it reaches must not be loopback, private, link-local,
 * unique-local, unspecified, shared, multicast, broadcast or a cloud metadata service, nor an IPv6
 * form of one, unless an allow-list entry names it. Every door asks this one class: admin endpoints
 * when a URL is configured ({@link #checkUrl}), HTTP clients on each connection's resolved address
 * ({@link #connectable}).
 */
public final class EgressPolicy {

    /** Looks a host name up; the system resolver in production, a fixed table in tests. */
    @FunctionalInterface
    public interface HostResolver {
        List<InetAddress> resolve(String name) throws UnknownHostException;
    }

    private final List<AllowEntry> allowed = new CopyOnWriteArrayList<>();
    private final HostResolver resolver;

    private EgressPolicy(HostResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * A policy with the given allow-list entries, looking names up with the system resolver.
     *
     * @throws IllegalArgumentException naming an entry that is no host, host:port or CIDR block
     */
    public static EgressPolicy allowing(Collection<String> entries) {
        return allowing(entries, name -> List.of(InetAddress.getAllByName(name)));
    }

    /** A policy with the given allow-list entries and its own way of looking names up. */
    public static EgressPolicy allowing(Collection<String> entries, HostResolver resolver) {
        var policy = new EgressPolicy(resolver);
        entries.forEach(policy::allow);
        return policy;
    }

    /** Allows one more destination from now on, e.g. this server's own demo provider once its port is known. */
    public void allow(String entry) {
        allowed.add(AllowEntry.parse(entry));
    }

    /**
     * The URL, when the policy lets the server send requests to it; the host is judged by its
     * spelling (an address in any form, or a refused name), its addresses when a connection opens.
     *
     * @param field what the URL is for, as the caller named it (e.g. {@code base_url})
     * @throws EgressRefusedException naming the field, the URL, why, and the allow entry that would admit it
     */
    public URI checkUrl(String field, String url) {
        var shown = field + " '" + url + "'";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new EgressRefusedException(shown, "it is not a valid URL", null);
        }
        var scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new EgressRefusedException(shown, "only http and https URLs are allowed", null);
        }
        if (uri.getRawUserInfo() != null
                || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new EgressRefusedException(
                    shown, "it carries user info (user:password@); put credentials in the connection instead", null);
        }
        var authority = Authority.of(uri);
        if (authority.isEmpty()) {
            throw new EgressRefusedException(shown, "it names no host", null);
        }
        var host = authority.get().host();
        int port = authority.get().port() == -1
                ? ("https".equals(scheme) ? 443 : 80)
                : authority.get().port();
        judge(shown, host, port, literalOrRefused(shown, host, port).stream().toList());
        return uri;
    }

    /**
     * The addresses a connection to {@code host} on {@code port} may use: its literal address, or
     * the allowed ones among those it resolves to.
     *
     * @throws EgressRefusedException when none is allowed
     * @throws UnknownHostException when the name does not resolve
     */
    public List<InetAddress> connectable(String host, int port) throws UnknownHostException {
        var target = HostNames.normalize(host).contains(":")
                ? "[" + HostNames.normalize(host) + "]:" + port
                : host + ":" + port;
        var literal = literalOrRefused(target, host, port);
        if (literal.isPresent()) {
            judge(target, host, port, List.of(literal.get()));
            return List.of(literal.get());
        }
        var resolved = resolver.resolve(HostNames.normalize(host));
        var permitted = new ArrayList<InetAddress>();
        String refusal = null;
        for (var address : resolved) {
            var why = why(host, address, port);
            if (why.isEmpty()) {
                permitted.add(address);
            } else if (refusal == null) {
                refusal = host + " resolves to " + address.getHostAddress() + ", " + why.get();
            }
        }
        if (permitted.isEmpty()) {
            throw new EgressRefusedException(
                    target, refusal == null ? host + " resolves to no address" : refusal, allowEntry(host, port));
        }
        return permitted;
    }

    /** The addresses for a socket address a client is about to connect to; see {@link #connectable(String, int)}. */
    public List<InetSocketAddress> connectable(InetSocketAddress address) throws UnknownHostException {
        var host = address.getHostString();
        return connectable(host, address.getPort()).stream()
                .map(a -> new InetSocketAddress(a, address.getPort()))
                .toList();
    }

    private Optional<InetAddress> literalOrRefused(String target, String host, int port) {
        Optional<InetAddress> literal;
        try {
            literal = HostNames.literal(host);
        } catch (IllegalArgumentException e) {
            throw new EgressRefusedException(target, e.getMessage(), null);
        }
        if (literal.isEmpty()) {
            var byName = HostNames.refusedName(host);
            if (byName.isPresent() && allowed.stream().noneMatch(entry -> entry.allows(host, null, port))) {
                throw new EgressRefusedException(target, byName.get(), allowEntry(host, port));
            }
        }
        return literal;
    }

    private void judge(String target, String host, int port, List<InetAddress> addresses) {
        for (var address : addresses) {
            var why = why(host, address, port);
            if (why.isPresent()) {
                throw new EgressRefusedException(
                        target,
                        address.getHostAddress() + " is " + why.get(),
                        allowEntry(address.getHostAddress(), port));
            }
        }
    }

    private Optional<String> why(String host, InetAddress address, int port) {
        var why = ReservedAddresses.why(address);
        if (why.isEmpty() || allowed.stream().anyMatch(entry -> entry.allows(host, address, port))) {
            return Optional.empty();
        }
        return why;
    }

    private static String allowEntry(String host, int port) {
        var name = HostNames.normalize(host);
        return (name.contains(":") ? "[" + name + "]" : name) + ":" + port;
    }

    /** A URL's host and port, read from the raw authority when {@link URI} finds no server-based one. */
    private record Authority(String host, int port) {

        static Optional<Authority> of(URI uri) {
            if (uri.getHost() != null) {
                return Optional.of(new Authority(uri.getHost(), uri.getPort()));
            }
            var raw = uri.getRawAuthority();
            if (raw == null || raw.isEmpty()) {
                return Optional.empty();
            }
            int colon = raw.lastIndexOf(':');
            if (colon > 0 && raw.indexOf(']') < colon) {
                try {
                    return Optional.of(
                            new Authority(raw.substring(0, colon), Integer.parseInt(raw.substring(colon + 1))));
                } catch (NumberFormatException e) {
                    return Optional.of(new Authority(raw, -1));
                }
            }
            return Optional.of(new Authority(raw, -1));
        }
    }
}
