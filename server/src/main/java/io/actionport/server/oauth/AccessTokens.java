package io.actionport.server.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.actionport.server.auth.KeyRole;
import io.actionport.server.auth.Principal;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether an OAuth access token is accepted on {@code /mcp}: signed by a current key of the
 * issuer (keys cached, fetched again when a token names an unknown one, so rotation works), from
 * the configured issuer, for this resource (RFC 8707 audience), in its lifetime (60 s skew), with a
 * scope that grants some tools ({@link ToolScopes}). With an introspection endpoint configured, a
 * token that is not a JWT is checked there instead ({@link TokenIntrospection}), then held to the
 * same issuer, audience, lifetime and scope rules. Its {@code sub} becomes a caller of the
 * configured environment, carrying the token's scopes.
 */
public final class AccessTokens {

    private static final int MAX_CLOCK_SKEW_SECONDS = 60;
    private static final int MAX_KEY_ID_LENGTH = 80;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA);

    private final OAuthConfig config;
    private final Supplier<URI> resource;
    private final ToolScopes toolScopes;
    /** Where opaque tokens are checked, or null when only JWTs are accepted. */
    private final TokenIntrospection introspection;

    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /** @param resource this server's {@code /mcp} as tokens must name it in {@code aud} */
    AccessTokens(OAuthConfig config, Supplier<URI> resource, ToolScopes toolScopes) {
        this.config = config;
        this.resource = resource;
        this.toolScopes = toolScopes;
        this.introspection = config.introspection() == null ? null : new TokenIntrospection(config.introspection());
    }

    /**
     * The caller a token stands for.
     *
     * @throws BearerRefusal 401 for a token that is not accepted, 403 for one without the scopes
     */
    Principal callerOf(String token) {
        var claims = introspection != null && !isJwt(token) ? introspected(token) : verified(token);
        var audience = resource.get().toString();
        if (!claims.getAudience().contains(audience)) {
            throw BearerRefusal.invalidToken("the access token is for the audience " + claims.getAudience()
                    + ", not this server's " + audience + "; request it with resource=" + audience + " (RFC 8707)");
        }
        var caller = new Principal(
                config.environment(), keyIdOf(claims.getSubject()), KeyRole.CALLER, Set.of(), scopesOf(claims));
        if (!toolScopes.grantOf(caller).mayEnter()) {
            var missing = new ArrayList<>(config.scopes());
            missing.removeAll(caller.scopes());
            throw BearerRefusal.insufficientScope("the access token lacks the scope " + String.join(" ", missing)
                    + " that /mcp needs (or " + ToolScopes.READ + ", " + ToolScopes.WRITE + " or "
                    + ToolScopes.INTEGRATION_PREFIX + "<integration>); ask the authorization server for it");
        }
        return caller;
    }

    /** Whether opaque tokens are checked at the issuer's introspection endpoint. */
    boolean introspects() {
        return introspection != null;
    }

    /** A signed JWT checked against the issuer's keys and the configured issuer. */
    private JWTClaimsSet verified(String token) {
        try {
            return processor().process(token, null);
        } catch (ParseException e) {
            throw BearerRefusal.invalidToken("the access token is not a JWT: " + e.getMessage()
                    + (introspection == null
                            ? " (opaque tokens are checked only with --oauth-introspection-url)"
                            : ""));
        } catch (RateLimitReachedException e) {
            // The keys were fetched again a moment ago and did not have this token's key.
            throw BearerRefusal.invalidToken("the access token is signed by a key the issuer does not publish");
        } catch (KeySourceException e) {
            throw BearerRefusal.keysUnavailable(
                    "the token cannot be checked now: the issuer's keys could not be fetched (" + e.getMessage() + ")");
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw BearerRefusal.invalidToken("the access token was refused: " + e.getMessage());
        }
    }

    /** An opaque token, as the issuer's introspection describes it: active, from the issuer, in its lifetime. */
    private JWTClaimsSet introspected(String token) {
        var claims = introspection.claimsOf(token);
        if (claims.getIssuer() != null
                && !claims.getIssuer().equals(config.issuer().toString())) {
            throw BearerRefusal.invalidToken(
                    "the access token is from the issuer " + claims.getIssuer() + ", not " + config.issuer());
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw BearerRefusal.invalidToken("the issuer's introspection names no subject (sub) for this token");
        }
        var expires = claims.getExpirationTime();
        if (expires != null
                && expires.toInstant().plusSeconds(MAX_CLOCK_SKEW_SECONDS).isBefore(java.time.Instant.now())) {
            throw BearerRefusal.invalidToken("the access token has expired");
        }
        return claims;
    }

    /** A JWS in compact form (three dot-separated parts); anything else is an opaque token. */
    private static boolean isJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** RFC 9068's space-separated {@code scope}, or the {@code scp} list some servers send. */
    private static Set<String> scopesOf(JWTClaimsSet claims) {
        var scopes = new HashSet<String>();
        var scope = claims.getClaim("scope");
        if (scope instanceof String text) {
            scopes.addAll(List.of(text.trim().split("\\s+")));
        }
        if (claims.getClaim("scp") instanceof List<?> list) {
            list.forEach(item -> scopes.add(String.valueOf(item)));
        } else if (claims.getClaim("scp") instanceof String text) {
            scopes.addAll(List.of(text.trim().split("\\s+")));
        }
        return scopes;
    }

    /** {@code oauth:<sub>}, or a digest of the subject when that would not fit the recorded key id. */
    static String keyIdOf(String subject) {
        var keyId = Principal.OAUTH_KEY_ID_PREFIX + subject;
        if (keyId.length() <= MAX_KEY_ID_LENGTH) {
            return keyId;
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return Principal.OAUTH_KEY_ID_PREFIX + "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        var built = processor;
        if (built == null) {
            synchronized (this) {
                if (processor == null) {
                    processor = build();
                }
                built = processor;
            }
        }
        return built;
    }

    private DefaultJWTProcessor<SecurityContext> build() {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(IssuerKeys.jwksUrl(config).toURL())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw BearerRefusal.keysUnavailable("the issuer's JWKS URL is not a URL: " + e.getMessage());
        }
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(
                (Set<String>) null,
                new JWTClaimsSet.Builder().issuer(config.issuer().toString()).build(),
                Set.of("sub", "exp", "aud"),
                Set.of());
        verifier.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(verifier);
        return processor;
    }
}
