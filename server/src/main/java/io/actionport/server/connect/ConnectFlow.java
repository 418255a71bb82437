package io.actionport.server.connect;

import io.actionport.server.Abbreviation;
import io.actionport.server.store.AuditStore;
import io.actionport.server.store.ConnectSessionStore;
import io.actionport.server.store.ConnectSessionStore.Claim;
import io.actionport.server.store.ConnectSessionStore.ConnectSession;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.Integration;
import io.actionport.server.store.Json;
import io.actionport.server.webhook.EventDeliveries;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The authorization-code flow behind a connect link. Opening the link binds a fresh random
 * {@code state} and PKCE verifier to its session and sends the browser to the provider; the
 * callback claims the state once, exchanges the code with the verifier, and stores the tokens as
 * the end user's connection, then announces {@code connection.created}.
 */
public final class ConnectFlow {

    /** Where providers redirect end users back to. */
    public static final String CALLBACK_PATH = "/connect/callback";

    /** The connection an end user made. */
    public record Connected(String environment, String integration, String connectionId, String endUser) {}

    private final ConnectSessions links;
    private final ConnectSessionStore sessions;
    /** The audit log's actor of a connection an end user made through a connect link. */
    public static final String END_USER_ACTOR_PREFIX = "end-user:";

    private final ConnectionStore connections;
    private final ProviderTokens tokens;
    private final EventDeliveries events;
    private final AuditStore audit;
    private final Clock clock;

    public ConnectFlow(
            ConnectSessions links,
            ConnectSessionStore sessions,
            ConnectionStore connections,
            ProviderTokens tokens,
            EventDeliveries events,
            AuditStore audit,
            Clock clock) {
        this.links = links;
        this.sessions = sessions;
        this.connections = connections;
        this.tokens = tokens;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Where to send the browser that opened the link with {@code token}. */
    public URI start(String token) {
        var tokenHash = Secrets.digest(token);
        var session = sessions.findOpen(tokenHash).orElseThrow(ConnectFailure::unknownLink);
        requireOpen(session);
        var client = connectable(session).oauth2();
        var state = Secrets.random();
        var verifier = Secrets.random();
        if (!sessions.bindState(tokenHash, Secrets.digest(state), verifier)) {
            throw ConnectFailure.unknownLink();
        }
        var query = new LinkedHashMap<String, String>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", links.callbackUrl().toString());
        if (!client.scopes().isEmpty()) {
            query.put("scope", String.join(" ", client.scopes()));
        }
        query.put("state", state);
        query.put("code_challenge", Secrets.challenge(verifier));
        query.put("code_challenge_method", "S256");
        var authorize = client.authorizationUrl().toString();
        return URI.create(authorize + (authorize.contains("?") ? "&" : "?") + form(query));
    }

    /**
     * Finishes the flow from the provider's redirect.
     *
     * @param parameters the callback's query parameters: {@code code} and {@code state}, or {@code error}
     * @throws ConnectFailure for a missing, unknown, used or expired state, a provider's refusal, or a failed exchange
     */
    public Connected finish(Map<String, String> parameters) {
        var state = parameters.get("state");
        if (state == null || state.isBlank()) {
            throw new ConnectFailure(
                    400,
                    "missing_state",
                    "The provider's answer carries no state. Start again from your connect link.");
        }
        var claim = sessions.claimState(Secrets.digest(state));
        var session = switch (claim) {
            case Claim.Unknown unknown ->
                throw new ConnectFailure(
                        400,
                        "unknown_state",
                        "This authorization answer belongs to no connect session. Start again from your connect link.");
            case Claim.AlreadyUsed used ->
                throw new ConnectFailure(
                        409,
                        "state_already_used",
                        "This authorization answer was already used. Ask the application for a new link.");
            case Claim.Claimed claimed -> claimed;
        };
        requireOpen(session.session());
        var error = parameters.get("error");
        if (error != null) {
            var description = parameters.get("error_description");
            throw new ConnectFailure(
                    400,
                    "provider_refused",
                    "The provider did not grant access: " + shorten(error)
                            + (description == null ? "" : " (" + shorten(description) + ")")
                            + ". Ask the application for a new link to try again.");
        }
        var code = parameters.get("code");
        if (code == null || code.isBlank()) {
            throw new ConnectFailure(400, "missing_code", "The provider's answer carries no authorization code.");
        }
        var integration = connectable(session.session());
        var credentials = tokens.exchange(integration.oauth2(), code, links.callbackUrl(), session.verifier());
        var connected = store(session.session(), credentials);
        var event = Json.MAPPER
                .createObjectNode()
                .put("providerConfigKey", connected.integration())
                .put("connectionId", connected.connectionId())
                .put("endUserId", connected.endUser());
        events.publish(connected.environment(), "connection.created", event);
        audit.recordOperation(
                connected.environment(),
                END_USER_ACTOR_PREFIX + connected.endUser(),
                "connect",
                "connection.create",
                connected.integration() + "/" + connected.connectionId());
        return connected;
    }

    /** A new connection of the end user, or new tokens for the one they already have (a reconnect). */
    private Connected store(ConnectSession session, Map<String, String> credentials) {
        var own = connections.ownedBy(session.environment(), session.integration(), session.endUser());
        String connectionId;
        if (own.isEmpty()) {
            connectionId = "user-" + Secrets.digest(Secrets.random()).substring(0, 16);
            connections.create(new Connection(
                    session.environment(),
                    session.integration(),
                    connectionId,
                    credentials,
                    Map.of(),
                    session.endUser()));
        } else {
            connectionId = own.getFirst().connectionId();
            connections.updateCredentials(session.environment(), session.integration(), connectionId, credentials);
        }
        return new Connected(session.environment(), session.integration(), connectionId, session.endUser());
    }

    private void requireOpen(ConnectSession session) {
        if (!clock.instant().isBefore(session.expiresAt())) {
            throw ConnectFailure.expired();
        }
    }

    private Integration connectable(ConnectSession session) {
        return connections
                .findIntegration(session.environment(), session.integration())
                .filter(integration ->
                        integration.oauth2() != null && integration.oauth2().offersConnectLinks())
                .orElseThrow(() -> new ConnectFailure(
                        409,
                        "not_connectable",
                        "Integration '" + session.integration() + "' no longer takes connect links."));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(Objects.requireNonNull(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shorten(String value) {
        return Abbreviation.of(value.replaceAll("\\p{Cntrl}", " "), 200);
    }
}
