package io.actionport.server.http;

import io.actionport.server.connection.Credentials;
import io.actionport.server.connection.ResolvedConnection;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes a connection's secrets from the headers a provider answered with, before the requests
 * proxy passes them on: every header, whatever its name ({@code Link}, {@code Content-Location},
 * {@code Refresh}, custom ones), has each stored secret and each credential it sent replaced by
 * {@value #REDACTED}, raw or percent-encoded, in any case of hex digits.
 */
final class SecretHeaderScrubber {

    static final String REDACTED = "[redacted]";

    private final Pattern secrets;

    private SecretHeaderScrubber(Pattern secrets) {
        this.secrets = secrets;
    }

    /** A scrubber of the connection's stored secrets and of the credentials one request carried. */
    static SecretHeaderScrubber of(ResolvedConnection target, Credentials sent) {
        var values = new LinkedHashSet<String>(target.secrets());
        values.addAll(sent.headers().values());
        values.addAll(sent.query().values());
        sent.headers().values().forEach(value -> {
            int space = value.indexOf(' ');
            if (space > 0) {
                // "Bearer <token>", "Basic <base64>": the credential alone, too.
                values.add(value.substring(space + 1).trim());
            }
        });
        var forms = new LinkedHashSet<String>();
        for (var value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            var encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            forms.add(value);
            forms.add(encoded);
            forms.add(encoded.replace("+", "%20"));
        }
        if (forms.isEmpty()) {
            return new SecretHeaderScrubber(null);
        }
        // Longest first, so a secret that contains another is replaced whole.
        var alternatives = forms.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(SecretHeaderScrubber::caseInsensitiveEscapes)
                .toList();
        return new SecretHeaderScrubber(Pattern.compile(String.join("|", alternatives)));
    }

    /** The headers with every secret replaced. */
    HttpHeaders scrub(HttpHeaders headers) {
        if (secrets == null) {
            return headers;
        }
        var scrubbed = new DefaultHttpHeaders();
        headers.forEach(header -> scrubbed.add(header.getKey(), scrub(header.getValue())));
        return scrubbed;
    }

    String scrub(String value) {
        return secrets == null ? value : secrets.matcher(value).replaceAll(Matcher.quoteReplacement(REDACTED));
    }

    /** A literal pattern in which the hex digits of percent-escapes match in either case. */
    private static String caseInsensitiveEscapes(String form) {
        var pattern = new StringBuilder();
        for (int i = 0; i < form.length(); i++) {
            char c = form.charAt(i);
            if (c == '%' && i + 2 < form.length()) {
                pattern.append('%');
                for (var digit : List.of(form.charAt(i + 1), form.charAt(i + 2))) {
                    var lower = Character.toString(digit).toLowerCase(Locale.ROOT);
                    var upper = Character.toString(digit).toUpperCase(Locale.ROOT);
                    pattern.append(lower.equals(upper) ? Pattern.quote(lower) : "[" + lower + upper + "]");
                }
                i += 2;
            } else {
                pattern.append(Pattern.quote(Character.toString(c)));
            }
        }
        return pattern.toString();
    }
}
