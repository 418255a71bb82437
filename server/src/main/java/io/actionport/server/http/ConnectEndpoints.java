package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.Identifiers;
import io.actionport.server.InternalErrors;
import io.actionport.server.connect.ConnectFailure;
import io.actionport.server.connect.ConnectFlow;
import io.actionport.server.connect.ConnectSessions;
import io.actionport.server.connect.ProviderTokens;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.Json;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connect links over HTTP: {@code POST /connect/sessions} (admin key) makes one; the end user's
 * browser opens {@code GET /connect/{token}}, which redirects to the provider, and comes back to
 * {@code GET /connect/callback}, which answers with a small page (JSON when asked for). Disconnect
 * revokes the grant at the provider before the connection is deleted.
 */
public final class ConnectEndpoints {

    private static final long BODY_LIMIT = 16 * 1024;

    private final ConnectSessions sessions;
    private final ConnectFlow flow;
    private final ConnectionStore connections;
    private final ProviderTokens tokens;

    public ConnectEndpoints(
            ConnectSessions sessions, ConnectFlow flow, ConnectionStore connections, ProviderTokens tokens) {
        this.sessions = sessions;
        this.flow = flow;
        this.connections = connections;
        this.tokens = tokens;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.post("/connect/sessions", api.admin("creating a connect link", this::createSession))
                .get(ConnectFlow.CALLBACK_PATH, this::callback)
                .get(ConnectSessions.PATH + "{token}", this::open);
    }

    private Mono<Void> createSession(String environment, HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.read(request, BODY_LIMIT)
                .flatMap(bytes -> Blocking.call(() -> {
                    var body = bytes.length == 0 ? null : Json.REQUESTS.readTree(bytes);
                    if (!(body instanceof ObjectNode object)) {
                        throw new ApiErrors.BadRequestException(
                                "malformed_json",
                                "the body must be {\"integration\": \"...\", \"end_user_id\": \"...\"}");
                    }
                    var integration = Identifiers.requireParameter(
                            Identifiers.Kind.INTEGRATION_KEY,
                            "integration",
                            BodyFields.unchecked(object, "integration"));
                    var endUser = Identifiers.requireParameter(
                            Identifiers.Kind.END_USER_ID, "end_user_id", BodyFields.unchecked(object, "end_user_id"));
                    var link = sessions.create(environment, integration, endUser);
                    return Json.MAPPER
                            .createObjectNode()
                            .put("url", link.url().toString())
                            .put("expires_at", link.expiresAt().toString())
                            .put("integration", integration)
                            .put("end_user_id", endUser);
                }))
                .flatMap(body -> HttpApi.json(response, 201, body));
    }

    private Mono<Void> open(HttpServerRequest request, HttpServerResponse response) {
        var token = request.param("token");
        return Blocking.call(() -> flow.start(token))
                .flatMap(location -> noStore(response)
                        .status(302)
                        .header(HttpHeaderNames.LOCATION, location.toString())
                        .send())
                .onErrorResume(failure -> page(request, response, failure));
    }

    private Mono<Void> callback(HttpServerRequest request, HttpServerResponse response) {
        var parameters = new HashMap<String, String>();
        try {
            RequestParameters.queryParameters(request)
                    .forEach((name, values) -> parameters.put(name, values.getFirst()));
        } catch (ApiErrors.BadRequestException e) {
            return page(request, response, e);
        }
        return Blocking.call(() -> flow.finish(parameters))
                .flatMap(connected -> {
                    if (wantsJson(request)) {
                        var body = Json.MAPPER.createObjectNode();
                        body.putObject("connected")
                                .put("integration", connected.integration())
                                .put("connection_id", connected.connectionId())
                                .put("end_user_id", connected.endUser());
                        return HttpApi.json(noStore(response), 200, body);
                    }
                    return html(
                            response,
                            200,
                            "Connected",
                            "Your " + connected.integration() + " account is connected. You can close this window.");
                })
                .onErrorResume(failure -> page(request, response, failure));
    }

    /** Deletes a connection, revoking its grant first where the integration names a revocation endpoint. */
    boolean disconnect(String environment, String integration, String connectionId, boolean revoke) {
        var connection = connections.find(environment, integration, connectionId);
        if (connection.isEmpty()) {
            return false;
        }
        var client = connections
                .findIntegration(environment, integration)
                .map(found -> found.oauth2())
                .orElse(null);
        if (revoke && client != null && client.revocationUrl() != null) {
            tokens.revoke(client, connection.get().credentials());
        }
        return connections.delete(environment, integration, connectionId);
    }

    private static Mono<Void> page(HttpServerRequest request, HttpServerResponse response, Throwable failure) {
        int status;
        String code;
        String message;
        if (failure instanceof ConnectFailure e) {
            status = e.status();
            code = e.code();
            message = e.getMessage();
        } else if (failure instanceof ApiErrors.BadRequestException e) {
            status = 400;
            code = e.code();
            message = e.getMessage();
        } else {
            var report = InternalErrors.report("a connect link", failure);
            status = 500;
            code = report.code();
            message = report.message();
        }
        if (wantsJson(request)) {
            var body = Json.MAPPER.createObjectNode();
            body.putObject("error").put("code", code).put("message", message);
            return HttpApi.json(noStore(response), status, body);
        }
        return html(response, status, "Could not connect", message);
    }

    private static boolean wantsJson(HttpServerRequest request) {
        var accept = request.requestHeaders().get(HttpHeaderNames.ACCEPT);
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    private static Mono<Void> html(HttpServerResponse response, int status, String title, String message) {
        var page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(message)
                + "</p></body></html>";
        return noStore(response)
                .status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .header("Content-Security-Policy", "default-src 'none'")
                .sendByteArray(Mono.just(page.getBytes(StandardCharsets.UTF_8)))
                .then();
    }

    private static HttpServerResponse noStore(HttpServerResponse response) {
        // The link's token and the provider's code ride in URLs: keep them out of caches and referrers.
        return response.header(HttpHeaderNames.CACHE_CONTROL, "no-store").header("Referrer-Policy", "no-referrer");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
