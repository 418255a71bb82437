package io.actionport.server.connection;

import io.actionport.server.connection.ProviderHttpClient.ForbiddenProviderTargetException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds provider URLs below an integration's base URL, for actions and the requests proxy alike,
 * and refuses any path that could leave it: dot segments (plain or percent-encoded), percent-encoded
 * dots anywhere, path parameters ({@code ;}, which servers such as Tomcat strip, so {@code ..;} is
 * {@code ..}), empty segments ({@code //host}), slashes and backslashes, encoded or not, and
 * absolute URLs.
 */
public final class ProviderUrls {

    /** What a path may hold unencoded besides letters and digits (RFC 3986 pchar and '/'), less '%'. */
    private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@/";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ProviderUrls() {}

    /**
     * The URL of a path below {@code base}.
     *
     * @param rawPath the path below the base URL, percent-encoded; one leading slash is ignored
     * @param rawQuery the query, percent-encoded, or null
     * @throws ForbiddenProviderTargetException when the path could name anything outside the base URL
     */
    public static URI resolve(URI base, String rawPath, String rawQuery) {
        var relative = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        check(rawPath, relative);
        var prefix = prefix(base);
        URI uri;
        try {
            uri = new URI(base.getScheme() + "://" + base.getRawAuthority() + prefix + relative
                    + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
        } catch (URISyntaxException e) {
            throw new ForbiddenProviderTargetException(rawPath, "it is not a valid path");
        }
        if (below(base, uri).isEmpty()) {
            throw new ForbiddenProviderTargetException(rawPath, "it leaves " + base);
        }
        return uri;
    }

    /**
     * The percent-encoded path below {@code base} that {@code url} names, when it has the same
     * scheme, host and port and lies below the base path; used to vet redirects and next-page links.
     */
    public static Optional<String> below(URI base, URI url) {
        var prefix = prefix(base);
        var path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        boolean sameOrigin = url.isAbsolute()
                && base.getScheme().equalsIgnoreCase(url.getScheme())
                && url.getHost() != null
                && base.getHost().equalsIgnoreCase(url.getHost())
                && port(base) == port(url);
        if (!sameOrigin || !(path + "/").startsWith(prefix) || !url.normalize().equals(url)) {
            return Optional.empty();
        }
        return Optional.of(path.length() < prefix.length() ? "" : path.substring(prefix.length()));
    }

    /** A plain path (as actions write it) percent-encoded; {@code %} is taken literally. */
    static String encodePath(String path) {
        var encoded = new StringBuilder(path.startsWith("/") ? "" : "/");
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || PATH_CHARACTERS.indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }

    /** Query parameters percent-encoded as {@code name=value&...}, or null when there are none. */
    public static String encodeQuery(Map<String, String> query) {
        if (query.isEmpty()) {
            return null;
        }
        return query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static void check(String shown, String relative) {
        var decoded = decode(shown, relative);
        if (decoded.contains("://")) {
            throw new ForbiddenProviderTargetException(
                    shown, "it is an absolute URL; send a path below the integration's base URL");
        }
        var segments = relative.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            var raw = segments[i];
            var segment = decode(shown, raw);
            if (segment.isEmpty() && i < segments.length - 1) {
                throw new ForbiddenProviderTargetException(shown, "it has an empty segment (//)");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new ForbiddenProviderTargetException(shown, "it has a dot segment (. or ..)");
            }
            if (segment.contains(";")) {
                throw new ForbiddenProviderTargetException(
                        shown, "it has a path parameter (;), which servers may strip, turning '..;' into '..'");
            }
            if (raw.toLowerCase(Locale.ROOT).contains("%2e")) {
                throw new ForbiddenProviderTargetException(shown, "it has a percent-encoded dot (%2e)");
            }
            if (segment.contains("/") || segment.contains("\\")) {
                throw new ForbiddenProviderTargetException(shown, "it has an encoded slash or a backslash");
            }
        }
    }

    /** Strict percent-decoding: {@code +} stays a plus, a broken escape is refused. */
    private static String decode(String shown, String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        var bytes = new ByteArrayOutputStream();
        var chars = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] != '%') {
                bytes.write(chars[i]);
                continue;
            }
            int high = i + 2 < chars.length ? Character.digit(chars[i + 1], 16) : -1;
            int low = i + 2 < chars.length ? Character.digit(chars[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw new ForbiddenProviderTargetException(shown, "it has a broken percent-escape");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String prefix(URI base) {
        var path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        return path.endsWith("/") ? path : path + "/";
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
