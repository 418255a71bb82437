package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.auth.KeyManagement;
import io.actionport.server.auth.KeyRole;
import io.actionport.server.auth.Principal;
import io.actionport.server.store.Json;
import io.actionport.server.store.StoredKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The keys of the caller's environment: created and rotated (the secret shown once), listed (never the secret), revoked. */
final class KeyAdmin {

    static final String SHOWN_ONCE = "store this secret now: the server keeps only its hash and cannot show it again";

    private final KeyManagement keys;
    private final AdminAudit audit;

    KeyAdmin(KeyManagement keys, AdminAudit audit) {
        this.keys = keys;
        this.audit = audit;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.post("/keys", api.adminPrincipal("creating a key", this::create))
                .get("/keys", api.admin("listing keys", this::list))
                .post("/keys/{id}/rotate", api.adminPrincipal("rotating a key", this::rotate))
                .delete("/keys/{id}", api.adminPrincipal("revoking a key", this::revoke));
    }

    /** Body: {@code {"role": "caller"|"admin", "name"?, "integrations"?: [...], "expires_in"?: "90d"}}. */
    private Mono<Void> create(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        return RequestBodies.read(request, 16 * 1024)
                .flatMap(bytes -> Blocking.call(() -> {
                    var body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.REQUESTS.readTree(bytes);
                    var roleName = body.path("role").asString(null);
                    if (roleName == null) {
                        throw new ApiErrors.BadRequestException(
                                "missing_field", "the body needs \"role\": \"caller\" or \"admin\"");
                    }
                    KeyRole role;
                    try {
                        role = KeyRole.fromWireName(roleName);
                    } catch (IllegalArgumentException e) {
                        throw new ApiErrors.BadRequestException("invalid_role", e.getMessage());
                    }
                    var expiresIn = body.path("expires_in").asString(null);
                    var created = keys.create(
                            environment,
                            role,
                            body.path("name").asString(null),
                            integrations(body.path("integrations")),
                            expiresIn == null ? null : Durations.parse("expires_in", expiresIn));
                    audit.done(principal, "key.create", created.key().id() + " (" + role.wireName() + ")");
                    return issued(created);
                }))
                .flatMap(body -> HttpApi.json(response, 201, body));
    }

    private Mono<Void> list(String environment, HttpServerRequest request, HttpServerResponse response) {
        return Blocking.call(() -> {
                    var body = Json.MAPPER.createObjectNode();
                    var list = body.putArray("keys");
                    var now = Instant.now();
                    keys.list(environment).forEach(key -> list.add(view(key, now)));
                    return body;
                })
                .flatMap(body -> HttpApi.json(response, 200, body));
    }

    /** Query or body: {@code overlap} (default 24h; 0 ends the old key now). */
    private Mono<Void> rotate(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var id = RequestParameters.path(request, "id");
        var query = RequestParameters.queryParameters(request);
        return RequestBodies.read(request, 16 * 1024)
                .flatMap(bytes -> Blocking.call(() -> {
                    var body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.REQUESTS.readTree(bytes);
                    var overlap = query.getOrDefault("overlap", List.of()).stream()
                            .findFirst()
                            .orElse(body.path("overlap").asString(null));
                    var rotated = keys.rotate(
                            environment,
                            id,
                            overlap == null ? KeyManagement.DEFAULT_OVERLAP : Durations.parse("overlap", overlap));
                    audit.done(
                            principal, "key.rotate", id + " -> " + rotated.key().id());
                    return issued(rotated).put("replaces", id);
                }))
                .flatMap(body -> HttpApi.json(response, 200, body));
    }

    private Mono<Void> revoke(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var id = RequestParameters.path(request, "id");
        return Blocking.call(() -> {
                    keys.revoke(principal.environment(), id);
                    audit.done(principal, "key.revoke", id);
                    return Json.MAPPER.createObjectNode().put("id", id).put("revoked", true);
                })
                .flatMap(body -> HttpApi.json(response, 200, body));
    }

    static ObjectNode issued(KeyManagement.IssuedKey issued) {
        var body = view(issued.key(), Instant.now());
        body.put("secret", issued.secret());
        body.put("note", SHOWN_ONCE);
        return body;
    }

    static ObjectNode view(StoredKey key, Instant now) {
        var node = Json.MAPPER.createObjectNode();
        node.put("id", key.id());
        node.put("prefix", key.prefix());
        node.put("environment", key.environment());
        node.put("role", key.role());
        node.put("name", key.name());
        var integrations = node.putArray("integrations");
        key.integrations().forEach(integrations::add);
        node.put("status", key.revokedAt() != null ? "revoked" : key.isActive(now) ? "active" : "expired");
        node.put("created_at", text(key.createdAt()));
        node.put("expires_at", text(key.expiresAt()));
        node.put("revoked_at", text(key.revokedAt()));
        node.put("last_used_at", text(key.lastUsedAt()));
        return node;
    }

    private static List<String> integrations(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ApiErrors.BadRequestException(
                    "invalid_field", "\"integrations\" must be an array of integration ids, such as [\"github\"]");
        }
        var list = new ArrayList<String>();
        node.forEach(item -> list.add(item.asString()));
        return list;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
