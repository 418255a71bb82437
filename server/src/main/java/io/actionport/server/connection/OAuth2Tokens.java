package io.actionport.server.connection;

import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.egress.EgressRefusedException;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.Json;
import io.actionport.server.store.OAuth2Client;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * OAuth2 tokens of connections: refreshed a minute before they expire or after a 401, with at most
 * one refresh in flight per connection on this node, and written back encrypted.
 */
final class OAuth2Tokens {

    static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);

    /** A connection's tokens; {@code expiresAt} in epoch seconds, null when unknown. */
    record Tokens(String accessToken, String refreshToken, Long expiresAt) {

        static Tokens of(Connection connection) {
            var expiresAt = connection.credentials().get("expires_at");
            return new Tokens(
                    connection.credential("access_token"),
                    connection.credentials().get("refresh_token"),
                    expiresAt == null || expiresAt.isBlank() ? null : Long.parseLong(expiresAt.trim()));
        }

        boolean expiresSoon(Clock clock) {
            return expiresAt != null
                    && expiresAt - REFRESH_AHEAD.toSeconds() <= clock.instant().getEpochSecond();
        }

        @Override
        public String toString() {
            return "Tokens[expiresAt=" + expiresAt + "]";
        }
    }

    /** Tokens this node refreshed, and the access token they replaced, for calls still holding it. */
    private record Refreshed(String replaced, Tokens tokens) {}

    private final ConnectionStore store;
    private final EgressHttpClient http;
    private final Clock clock;
    private final Map<String, Refreshed> latest = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Tokens>> inFlight = new ConcurrentHashMap<>();

    OAuth2Tokens(ConnectionStore store, EgressHttpClient http, Clock clock) {
        this.store = store;
        this.http = http;
        this.clock = clock;
    }

    /** The tokens to use now, refreshed first when they expire within {@link #REFRESH_AHEAD}. */
    Tokens current(ResolvedConnection target) {
        var stored = Tokens.of(target.connection());
        var refreshed = latest.get(key(target));
        var tokens =
                refreshed != null && refreshed.replaced().equals(stored.accessToken()) ? refreshed.tokens() : stored;
        return tokens.expiresSoon(clock) && tokens.refreshToken() != null
                ? refresh(target, tokens.accessToken())
                : tokens;
    }

    /** Tokens newer than {@code usedAccessToken}: another caller's fresh ones, or a refresh of our own. */
    Tokens refresh(ResolvedConnection target, String usedAccessToken) {
        var key = key(target);
        var mine = new CompletableFuture<Tokens>();
        var running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            var tokens = refreshUnlessDone(target, usedAccessToken);
            mine.complete(tokens);
            return tokens;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Tokens refreshUnlessDone(ResolvedConnection target, String usedAccessToken) {
        var connection = target.connection();
        var current = store.find(connection.environment(), connection.integration(), connection.connectionId())
                .orElseThrow(() -> new ConnectionException(
                        "unknown_connection",
                        "connection '" + connection.connectionId() + "' of '" + connection.integration()
                                + "' was deleted"));
        var stored = Tokens.of(current);
        if (!stored.accessToken().equals(usedAccessToken) && !stored.expiresSoon(clock)) {
            // Refreshed meanwhile, by an earlier caller or another node, or rotated.
            latest.put(key(target), new Refreshed(usedAccessToken, stored));
            return stored;
        }
        if (stored.refreshToken() == null) {
            throw new OAuth2RefreshException(target, "the connection has no refresh_token; rotate its credentials");
        }
        var fresh = requestTokens(target, stored.refreshToken());
        var credentials = new HashMap<>(current.credentials());
        credentials.put("access_token", fresh.accessToken());
        credentials.put("refresh_token", fresh.refreshToken());
        credentials.remove("expires_at");
        if (fresh.expiresAt() != null) {
            credentials.put("expires_at", Long.toString(fresh.expiresAt()));
        }
        store.updateCredentials(current.environment(), current.integration(), current.connectionId(), credentials);
        latest.put(key(target), new Refreshed(stored.accessToken(), fresh));
        return fresh;
    }

    /** The refresh-token grant (RFC 6749, section 6), client credentials in the body. */
    private Tokens requestTokens(ResolvedConnection target, String refreshToken) {
        OAuth2Client client = target.integration().oauth2();
        var fields = new LinkedHashMap<String, String>();
        fields.put("grant_type", "refresh_token");
        fields.put("refresh_token", refreshToken);
        fields.put("client_id", client.clientId());
        if (client.clientSecret() != null) {
            fields.put("client_secret", client.clientSecret());
        }
        var form = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        var request = new EgressHttpClient.Request(
                "POST",
                client.tokenUrl(),
                Map.of(
                        "Content-Type", List.of("application/x-www-form-urlencoded"),
                        "Accept", List.of("application/json")),
                form.getBytes(StandardCharsets.UTF_8),
                TOKEN_TIMEOUT);
        EgressHttpClient.Response response;
        try {
            response = http.send(request);
        } catch (EgressRefusedException e) {
            throw new OAuth2RefreshException(target, e.getMessage());
        } catch (IOException e) {
            throw new OAuth2RefreshException(
                    target,
                    "the token endpoint did not answer (" + io.actionport.server.egress.NetworkFailures.describe(e)
                            + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2RefreshException(target, "interrupted while waiting for the token endpoint");
        }
        try {
            var body = Json.MAPPER.readTree(response.body());
            if (response.status() / 100 != 2 || !body.path("access_token").isString()) {
                // The error code only: the body might echo what was sent.
                throw new OAuth2RefreshException(
                        target,
                        "the token endpoint answered " + response.status()
                                + (body.path("error").isString()
                                        ? " " + body.path("error").asString()
                                        : ""));
            }
            var expiresIn = body.path("expires_in");
            return new Tokens(
                    body.path("access_token").asString(),
                    body.path("refresh_token").isString()
                            ? body.path("refresh_token").asString()
                            : refreshToken,
                    expiresIn.isNumber() || expiresIn.isString()
                            ? clock.instant().getEpochSecond() + Long.parseLong(expiresIn.asString())
                            : null);
        } catch (JacksonException | NumberFormatException e) {
            throw new OAuth2RefreshException(
                    target, "the token endpoint answered " + response.status() + " without a JSON token");
        }
    }

    private static String key(ResolvedConnection target) {
        var connection = target.connection();
        return connection.environment() + "\n" + connection.integration() + "\n" + connection.connectionId();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The connection's OAuth2 tokens could not be refreshed; calls fail as the provider's fault. */
    static final class OAuth2RefreshException extends ProviderHttpClient.ProviderUnreachableException {
        OAuth2RefreshException(ResolvedConnection target, String why) {
            super(
                    "oauth2_refresh_failed",
                    "cannot refresh the OAuth2 tokens of connection '"
                            + target.connection().connectionId()
                            + "' of '" + target.integration().key() + "' at "
                            + target.integration().oauth2().tokenUrl() + ": " + why);
        }
    }
}
