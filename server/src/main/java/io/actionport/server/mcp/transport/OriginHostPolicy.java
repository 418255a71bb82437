package io.actionport.server.mcp.transport;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Guards against DNS rebinding and cross-site requests by checking the {@code Origin} and {@code
 * Host} headers against allow-lists.
 *
 * <p>Entries match exactly (case-insensitively) or, when they end in {@code :*}, with any port:
 * {@code http://localhost:*} allows {@code http://localhost:6274}, {@code localhost:*} allows
 * {@code localhost:8080}.
 */
final class OriginHostPolicy {

    private final Set<String> allowedOrigins;
    private final Set<String> allowedHosts;

    /**
     * @param allowedOrigins origins that may call; a request without {@code Origin} comes from a
     *     non-browser client and is always allowed, one with any other origin is refused
     * @param allowedHosts hosts the server answers to; empty means any
     */
    OriginHostPolicy(Collection<String> allowedOrigins, Collection<String> allowedHosts) {
        this.allowedOrigins = normalize(allowedOrigins);
        this.allowedHosts = normalize(allowedHosts);
    }

    void check(HttpHeaders headers) {
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin != null && !matches(allowedOrigins, origin)) {
            throw TransportRejection.of(403, "Forbidden: Origin " + origin + " is not allowed");
        }
        if (allowedHosts.isEmpty()) {
            return;
        }
        String host = headers.get(HttpHeaderNames.HOST);
        if (host == null || !matches(allowedHosts, host)) {
            // 421 tells the client it reached a server that does not serve this name, as for DNS rebinding.
            throw TransportRejection.of(421, "Misdirected Request: Host " + host + " is not allowed");
        }
    }

    /** True when a browser page of this origin may call. */
    boolean allowsOrigin(String origin) {
        return matches(allowedOrigins, origin);
    }

    private static boolean matches(Set<String> allowed, String value) {
        String candidate = value.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(candidate) || allowed.contains(candidate + ":*")) {
            return true;
        }
        int portStart = candidate.lastIndexOf(':');
        // The colon must follow the host: in "http://host" the only colon belongs to the scheme.
        return portStart > candidate.indexOf("//") + 1
                && candidate.substring(portStart + 1).chars().allMatch(Character::isDigit)
                && allowed.contains(candidate.substring(0, portStart) + ":*");
    }

    private static Set<String> normalize(Collection<String> entries) {
        return entries.stream()
                .map(entry -> entry.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
