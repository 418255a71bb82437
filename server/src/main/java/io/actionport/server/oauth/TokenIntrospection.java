package io.actionport.server.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the issuer about an opaque access token (RFC 7662 token introspection), as this server's
 * own client. An active token's answer is kept for at most 30 s (never past its {@code exp}), by
 * the token's digest, so a client's calls in a row cost one request to the issuer.
 */
final class TokenIntrospection {

    private static final Duration CACHED_FOR = Duration.ofSeconds(30);
    private static final int MAX_CACHED = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private record Answer(JWTClaimsSet claims, long expiresAtNanos) {}

    private final OAuthConfig.Introspection endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    TokenIntrospection(OAuthConfig.Introspection endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The claims of an active token, as the issuer states them ({@code sub}, {@code aud},
     * {@code scope}, {@code exp}, {@code iss}...).
     *
     * @throws BearerRefusal 401 for a token the issuer says is not active, 503 when it cannot be asked
     */
    JWTClaimsSet claimsOf(String token) {
        var key = digest(token);
        var known = answers.get(key);
        if (known != null && System.nanoTime() - known.expiresAtNanos() < 0) {
            return known.claims();
        }
        var claims = ask(token);
        if (!Boolean.TRUE.equals(claims.getClaim("active"))) {
            throw BearerRefusal.invalidToken(
                    "the issuer says this access token is not active: it expired, was revoked or was never issued");
        }
        remember(key, claims);
        return claims;
    }

    private JWTClaimsSet ask(String token) {
        var credentials = URLEncoder.encode(endpoint.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(endpoint.clientSecret(), StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(endpoint.url())
                .timeout(TIMEOUT)
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&token_type_hint=access_token"))
                .build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable("could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("was not answered before the server stopped waiting");
        }
        if (answer.statusCode() != 200) {
            throw unavailable("answered HTTP " + answer.statusCode()
                    + (answer.statusCode() == 401
                            ? " (check --oauth-client-id and ACTIONPORT_OAUTH_CLIENT_SECRET)"
                            : ""));
        }
        try {
            return JWTClaimsSet.parse(answer.body());
        } catch (ParseException e) {
            throw unavailable("answered something that is not a JSON object");
        }
    }

    private void remember(String key, JWTClaimsSet claims) {
        if (answers.size() >= MAX_CACHED) {
            long now = System.nanoTime();
            answers.values().removeIf(answer -> now - answer.expiresAtNanos() >= 0);
            if (answers.size() >= MAX_CACHED) {
                return;
            }
        }
        var lifetime = CACHED_FOR;
        if (claims.getExpirationTime() != null) {
            var untilExpiry = Duration.ofMillis(claims.getExpirationTime().getTime() - System.currentTimeMillis());
            if (untilExpiry.compareTo(lifetime) < 0) {
                lifetime = untilExpiry;
            }
        }
        if (!lifetime.isNegative() && !lifetime.isZero()) {
            answers.put(key, new Answer(claims, System.nanoTime() + lifetime.toNanos()));
        }
    }

    private BearerRefusal unavailable(String what) {
        return BearerRefusal.keysUnavailable(
                "the token cannot be checked now: the issuer's introspection endpoint " + endpoint.url() + " " + what);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
