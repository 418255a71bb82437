package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.Printable;
import io.actionport.server.auth.AuthException;
import io.actionport.server.auth.Principal;
import io.actionport.server.store.AuditEntry;
import io.actionport.server.store.AuditStore;
import io.actionport.server.store.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /environments/{env}/audit}: an environment's audit log, newest first, for its admin keys. */
final class AuditApi {

    private final AuditStore audit;

    AuditApi(AuditStore audit) {
        this.audit = audit;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.get("/environments/{name}/audit", api.adminPrincipal("reading the audit log", this::search));
    }

    /** Query: {@code since} (an ISO instant or a duration back from now, e.g. 24h), {@code actor}, {@code action}, {@code limit}, {@code cursor}. */
    private Mono<Void> search(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = RequestParameters.path(request, "name");
        if (!environment.equals(principal.environment())) {
            throw new AuthException(
                    403,
                    "wrong_environment",
                    "key '" + principal.keyId() + "' is an admin key of environment '" + principal.environment()
                            + "', not of '" + environment + "'; read its audit log with one of its admin keys");
        }
        var since = since(RequestParameters.query(request, "since"));
        var filter = new AuditStore.Filter(
                since,
                RequestParameters.query(request, "actor"),
                RequestParameters.query(request, "action"),
                cursor(RequestParameters.query(request, "cursor")));
        int limit = RequestParameters.wholeNumber("limit", RequestParameters.query(request, "limit"), 1, 500, 50);
        return Blocking.call(() -> {
                    var page = audit.search(environment, filter, limit);
                    var body = Json.MAPPER.createObjectNode();
                    var list = body.putArray("entries");
                    page.forEach(entry -> list.add(view(entry)));
                    body.put(
                            "next_cursor", page.size() == limit ? page.getLast().id() : null);
                    return body;
                })
                .flatMap(body -> HttpApi.json(response, 200, body));
    }

    private Instant since(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return audit.now().minus(Durations.parse("since", text));
            } catch (ApiErrors.BadRequestException notDuration) {
                throw new ApiErrors.BadRequestException(
                        "invalid_parameter",
                        "since must be an ISO-8601 instant such as 2026-11-25T10:00:00Z or a duration back from"
                                + " now such as 24h, was '" + Printable.quote(text) + "'");
            }
        }
    }

    static ObjectNode view(AuditEntry entry) {
        var node = Json.MAPPER.createObjectNode();
        node.put("id", entry.id());
        node.put("at", entry.at().toString());
        node.put("environment", entry.environment());
        node.put("actor", entry.actor());
        node.put("door", entry.door());
        node.put("action", entry.action());
        node.put("arguments_sha256", entry.argumentsSha256());
        node.put("target", entry.target());
        node.put("result", entry.result());
        node.put("error_code", entry.errorCode());
        node.put("execution_id", entry.executionId());
        return node;
    }

    /** A page cursor: the {@code next_cursor} of a previous page, an entry id (a UUID). */
    private static String cursor(String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter",
                    "cursor must be the next_cursor of a previous page, was '" + Printable.quote(value) + "'");
        }
        return value;
    }
}
