package io.actionport.server.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An issuer whose signing key can be replaced, as an authorization server rotates keys: it serves
 * its OpenID discovery document and a JWKS of only its current key on loopback, and signs tokens.
 * mock-oauth2-server names every key after its issuer, so a rotation there keeps the key id.
 */
final class RotatingIssuer implements AutoCloseable {

    private final HttpServer http;
    private final AtomicReference<RSAKey> current = new AtomicReference<>();
    private final AtomicInteger generation = new AtomicInteger();

    RotatingIssuer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext(
                "/.well-known/openid-configuration",
                exchange -> answer(exchange, "{\"issuer\":\"" + url() + "\",\"jwks_uri\":\"" + url() + "/jwks\"}"));
        http.createContext(
                "/jwks", exchange -> answer(exchange, new JWKSet(current.get().toPublicJWK()).toString()));
        rotate();
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** Replaces the signing key with a new one of a new key id; the old one is no longer published. */
    RSAKey rotate() {
        try {
            var key = new RSAKeyGenerator(2048)
                    .keyID("key-" + generation.incrementAndGet())
                    .generate();
            current.set(key);
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token of {@code subject} for {@code audience} with the {@code mcp:tools} scope. */
    String token(RSAKey key, String subject, String audience) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(new JOSEObjectType("at+jwt"))
                            .build(),
                    new JWTClaimsSet.Builder()
                            .issuer(url().toString())
                            .subject(subject)
                            .audience(audience)
                            .claim("scope", "mcp:tools")
                            .issueTime(new Date())
                            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                            .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        var body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
