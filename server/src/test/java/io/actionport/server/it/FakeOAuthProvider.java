package io.actionport.server.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider with an OAuth2 authorization server that checks PKCE as a real one does, an API that
 * answers with the name of the user whose token it gets, a revocation endpoint, and a webhook
 * receiver. The user who "logs in" at the authorize page is {@link #signInAs}.
 */
final class FakeOAuthProvider implements AutoCloseable {

    static final String CLIENT_ID = "connect-client";
    static final String CLIENT_SECRET = "connect-client-secret";

    /** What the authorize endpoint received. */
    record Authorization(Map<String, String> query) {}

    /** A request as received. */
    record Received(Map<String, List<String>> headers, String body) {}

    private record Grant(String user, String challenge, String redirectUri) {}

    private final HttpServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    final List<Authorization> authorizations = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    final List<String> apiTokens = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> revocations = new CopyOnWriteArrayList<>();
    final List<Received> webhooks = new CopyOnWriteArrayList<>();
    volatile String signInAs = "alice";
    /** When set, the authorize page denies access with this error instead of granting a code. */
    volatile String denyWith;
    /** When set, the authorization server remembers a challenge the client did not send. */
    volatile boolean forgetsTheChallenge;

    FakeOAuthProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/revoke", this::revoke);
        server.createContext("/api/me", this::me);
        server.createContext("/webhook", this::webhook);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    static String accessTokenOf(String user) {
        return "access-of-" + user;
    }

    static String refreshTokenOf(String user) {
        return "refresh-of-" + user;
    }

    static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        var query = form(exchange.getRequestURI().getRawQuery());
        authorizations.add(new Authorization(query));
        var redirect = query.get("redirect_uri");
        var state = URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        String location;
        if (denyWith != null) {
            location = redirect + "?error=" + denyWith + "&state=" + state;
        } else {
            var code = UUID.randomUUID().toString();
            var challenge = forgetsTheChallenge ? "not-" + query.get("code_challenge") : query.get("code_challenge");
            codes.put(code, new Grant(signInAs, challenge, redirect));
            location = redirect + "?code=" + code + "&state=" + state;
        }
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        var fields = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(fields);
        var grant = codes.remove(fields.getOrDefault("code", ""));
        boolean valid;
        try {
            valid = grant != null
                    && "authorization_code".equals(fields.get("grant_type"))
                    && CLIENT_ID.equals(fields.get("client_id"))
                    && CLIENT_SECRET.equals(fields.get("client_secret"))
                    && grant.redirectUri().equals(fields.get("redirect_uri"))
                    && fields.get("code_verifier") != null
                    && s256(fields.get("code_verifier")).equals(grant.challenge());
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"echo " + fields + "\"}");
            return;
        }
        json(
                exchange,
                200,
                "{\"access_token\":\"%s\",\"refresh_token\":\"%s\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"
                        .formatted(accessTokenOf(grant.user()), refreshTokenOf(grant.user())));
    }

    private void revoke(HttpExchange exchange) throws IOException {
        revocations.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private void me(HttpExchange exchange) throws IOException {
        var authorization = exchange.getRequestHeaders().getFirst("Authorization");
        var token = authorization == null ? "" : authorization.substring("Bearer ".length());
        apiTokens.add(token);
        if (!token.startsWith("access-of-")) {
            json(exchange, 401, "{\"message\":\"bad token\"}");
            return;
        }
        json(exchange, 200, "{\"name\":\"" + token.substring("access-of-".length()) + "\"}");
    }

    private void webhook(HttpExchange exchange) throws IOException {
        webhooks.add(new Received(
                Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> form(String raw) {
        var fields = new HashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return fields;
        }
        for (var pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            var name = equals < 0 ? pair : pair.substring(0, equals);
            var value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
