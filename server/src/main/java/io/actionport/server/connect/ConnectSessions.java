package io.actionport.server.connect;

import io.actionport.server.connection.ConnectLink;
import io.actionport.server.store.ConnectSessionStore;
import io.actionport.server.store.ConnectSessionStore.ConnectSession;
import io.actionport.server.store.ConnectionStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Creates connect sessions: a short-lived link for one end user and one integration whose provider
 * takes connect links. The link's token is its only secret and is stored as a digest.
 */
public final class ConnectSessions implements ConnectLink.Maker {

    /** The path of connect links, followed by the session's token. */
    public static final String PATH = "/connect/";

    /** How long a link works. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    /** Expired sessions are forgotten this long after they expire. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final ConnectSessionStore sessions;
    private final ConnectionStore connections;
    private final Supplier<URI> baseUrl;
    private final Clock clock;

    /** @param baseUrl this server's URL as end users' browsers reach it */
    public ConnectSessions(
            ConnectSessionStore sessions, ConnectionStore connections, Supplier<URI> baseUrl, Clock clock) {
        this.sessions = sessions;
        this.connections = connections;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /**
     * A new link for {@code endUser} to connect {@code integration}.
     *
     * @throws ConnectFailure 404 when the integration does not exist, 409 when it takes no connect links
     */
    @Override
    public ConnectLink create(String environment, String integration, String endUser) {
        var configured = connections
                .findIntegration(environment, integration)
                .orElseThrow(() -> new ConnectFailure(
                        404,
                        "unknown_integration",
                        "integration '" + integration + "' is not configured in environment " + environment));
        if (configured.oauth2() == null || !configured.oauth2().offersConnectLinks()) {
            throw new ConnectFailure(
                    409,
                    "not_connectable",
                    "integration '" + integration + "' takes no connect links: it needs auth_scheme oauth2 with an"
                            + " authorization_url (PUT /integrations/" + integration + ")");
        }
        var now = clock.instant();
        sessions.deleteExpired(now.minus(KEPT_AFTER_EXPIRY));
        var token = Secrets.random();
        var expiresAt = now.plus(LIFETIME);
        sessions.create(Secrets.digest(token), new ConnectSession(environment, integration, endUser, expiresAt), now);
        return new ConnectLink(URI.create(stripSlash(baseUrl.get()) + PATH + token), expiresAt);
    }

    /** Where providers send end users back to. */
    URI callbackUrl() {
        return URI.create(stripSlash(baseUrl.get()) + ConnectFlow.CALLBACK_PATH);
    }

    private static String stripSlash(URI url) {
        var text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
