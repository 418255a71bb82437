package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.auth.EnvironmentManagement;
import io.actionport.server.auth.Principal;
import io.actionport.server.store.Json;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/** Environments: created (with their first keys, shown once), listed, deleted; the rules live in {@link EnvironmentManagement}. */
final class EnvironmentAdmin {

    private final EnvironmentManagement environments;

    EnvironmentAdmin(EnvironmentManagement environments) {
        this.environments = environments;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.post("/environments", api.adminPrincipal("creating an environment", this::create))
                .get("/environments", api.adminPrincipal("listing environments", this::list))
                .delete("/environments/{name}", api.adminPrincipal("deleting an environment", this::delete));
    }

    /** Body: {@code {"name": "staging"}}. */
    private Mono<Void> create(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.read(request, 16 * 1024)
                .flatMap(bytes -> Blocking.call(() -> {
                    var body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.REQUESTS.readTree(bytes);
                    var created =
                            environments.create(principal, body.path("name").asString(null));
                    var view = Json.MAPPER.createObjectNode().put("name", created.name());
                    view.set("admin_key", KeyAdmin.issued(created.admin()));
                    view.set("caller_key", KeyAdmin.issued(created.caller()));
                    return view;
                }))
                .flatMap(body -> HttpApi.json(response, 201, body));
    }

    private Mono<Void> list(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        return Blocking.call(() -> {
                    var body = Json.MAPPER.createObjectNode();
                    var list = body.putArray("environments");
                    environments
                            .list(principal)
                            .forEach(environment -> list.addObject()
                                    .put("name", environment.name())
                                    .put("created_by", environment.createdBy())
                                    .put("created_at", environment.createdAt().toString()));
                    return body;
                })
                .flatMap(body -> HttpApi.json(response, 200, body));
    }

    /** Query: {@code force=true} to delete one that still holds deployments, connections or executions. */
    private Mono<Void> delete(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var name = RequestParameters.path(request, "name");
        var force = RequestParameters.queryParameters(request)
                .getOrDefault("force", List.of("false"))
                .getFirst()
                .equals("true");
        return Blocking.call(() -> {
                    environments.delete(principal, name, force);
                    return Json.MAPPER.createObjectNode().put("deleted", name);
                })
                .flatMap(body -> HttpApi.json(response, 200, body));
    }
}
