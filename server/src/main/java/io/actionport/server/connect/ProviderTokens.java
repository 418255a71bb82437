package io.actionport.server.connect;

import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.egress.EgressRefusedException;
import io.actionport.server.store.Json;
import io.actionport.server.store.OAuth2Client;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * The provider's token endpoints a connect flow needs: the authorization-code grant with the PKCE
 * verifier (RFC 6749 4.1.3, RFC 7636 4.5), and revocation on disconnect (RFC 7009). Client
 * credentials go in the body; a provider's error is reported by its code only, never its echo.
 */
public final class ProviderTokens {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EgressHttpClient http;
    private final Clock clock;

    public ProviderTokens(EgressHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Exchanges an authorization code; the credentials of the new connection, as OAuth2 connections store them. */
    Map<String, String> exchange(OAuth2Client client, String code, URI redirectUri, String verifier) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", redirectUri.toString());
        fields.put("code_verifier", verifier);
        clientFields(client, fields);
        var response = post(client.tokenUrl(), fields, "token_exchange_failed");
        try {
            var body = Json.MAPPER.readTree(response.body());
            if (response.status() / 100 != 2 || !body.path("access_token").isString()) {
                throw failed(
                        "token_exchange_failed",
                        "the provider's token endpoint answered " + response.status()
                                + (body.path("error").isString()
                                        ? " " + body.path("error").asString()
                                        : ""));
            }
            var credentials = new LinkedHashMap<String, String>();
            credentials.put("access_token", body.path("access_token").asString());
            if (body.path("refresh_token").isString()) {
                credentials.put("refresh_token", body.path("refresh_token").asString());
            }
            var expiresIn = body.path("expires_in");
            if (expiresIn.isNumber() || expiresIn.isString()) {
                credentials.put(
                        "expires_at",
                        Long.toString(clock.instant().getEpochSecond() + Long.parseLong(expiresIn.asString())));
            }
            return credentials;
        } catch (JacksonException | NumberFormatException e) {
            throw failed(
                    "token_exchange_failed",
                    "the provider's token endpoint answered " + response.status() + " without a JSON token");
        }
    }

    /**
     * Revokes a connection's grant: its refresh token when it has one (which ends the whole grant
     * at most providers), else its access token.
     *
     * @throws ConnectFailure 502 when the provider does not confirm
     */
    public void revoke(OAuth2Client client, Map<String, String> credentials) {
        var fields = new LinkedHashMap<String, String>();
        var refresh = credentials.get("refresh_token");
        fields.put("token", refresh != null ? refresh : credentials.getOrDefault("access_token", ""));
        fields.put("token_type_hint", refresh != null ? "refresh_token" : "access_token");
        clientFields(client, fields);
        var response = post(client.revocationUrl(), fields, "revocation_failed");
        if (response.status() / 100 != 2) {
            throw failed(
                    "revocation_failed",
                    "the provider's revocation endpoint answered " + response.status()
                            + "; the connection was kept. Try again, or delete it with ?revoke=false");
        }
    }

    private static void clientFields(OAuth2Client client, Map<String, String> fields) {
        fields.put("client_id", client.clientId());
        if (client.clientSecret() != null) {
            fields.put("client_secret", client.clientSecret());
        }
    }

    private EgressHttpClient.Response post(URI url, Map<String, String> fields, String code) {
        var form = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            return http.send(new EgressHttpClient.Request(
                    "POST",
                    url,
                    Map.of(
                            "Content-Type", List.of("application/x-www-form-urlencoded"),
                            "Accept", List.of("application/json")),
                    form.getBytes(StandardCharsets.UTF_8),
                    TIMEOUT));
        } catch (EgressRefusedException e) {
            throw failed(code, e.getMessage());
        } catch (IOException e) {
            throw failed(
                    code,
                    "the provider at " + url + " did not answer ("
                            + io.actionport.server.egress.NetworkFailures.describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(code, "interrupted while waiting for the provider");
        }
    }

    private static ConnectFailure failed(String code, String message) {
        return new ConnectFailure(502, code, message);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
