package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.Identifiers;
import io.actionport.server.Printable;
import io.actionport.server.registry.DeploymentService;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.store.Json;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Base64;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The author's admin endpoints: deploy, undeploy, roll back, and dry-run a bundle against a real connection. */
final class DeploymentAdmin {

    private static final long BUNDLE_LIMIT = 64L * 1024 * 1024;

    private final DeploymentService deployments;
    private final ActionRunner runner;

    DeploymentAdmin(DeploymentService deployments, ActionRunner runner) {
        this.deployments = deployments;
        this.runner = runner;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.post("/admin/deploy", api.authenticated(this::deploy))
                .delete("/admin/bundles/{name}", api.authenticated(this::undeploy))
                .post("/admin/rollback", api.authenticated(this::rollback))
                .post("/admin/dryrun", api.authenticated(this::dryRun));
    }

    /** Body: the jar. Query: {@code action} (repeatable), {@code integration}, {@code allow_breaking}. */
    private Mono<Void> deploy(String environment, HttpServerRequest request, HttpServerResponse response) {
        var query = new QueryStringDecoder(request.uri()).parameters();
        var actions = query.getOrDefault("action", List.of());
        actions.forEach(action -> Identifiers.requireParameter(Identifiers.Kind.ACTION_NAME, "action", action));
        var integration = query.getOrDefault("integration", List.of()).stream()
                .findFirst()
                .map(key -> Identifiers.requireParameter(Identifiers.Kind.INTEGRATION_KEY, "integration", key))
                .orElse(null);
        boolean allowBreaking = booleanParameter("allow_breaking", query.getOrDefault("allow_breaking", List.of()));
        return RequestBodies.read(request, BUNDLE_LIMIT)
                .flatMap(jar -> Blocking.call(() -> deployments.deploy(
                        environment,
                        jar,
                        integration == null ? actions : deployments.actionsOf(jar, integration),
                        allowBreaking)))
                .flatMap(deployed -> HttpApi.json(response, 200, view(environment, deployed)));
    }

    /** Body: {@code {"action": "...", "to": 3}}; {@code to} is optional. */
    private Mono<Void> rollback(String environment, HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.read(request, 16 * 1024)
                .flatMap(bytes -> Blocking.call(() -> {
                    var body = object(bytes, "{\"action\": \"integration/name\", \"to\": 3}");
                    var action = Identifiers.requireParameter(
                            Identifiers.Kind.ACTION_NAME, "action", BodyFields.required(body, "action", 129));
                    var to = body.path("to").isMissingNode() || body.path("to").isNull()
                            ? null
                            : version(body.get("to"));
                    return deployments.rollback(environment, action, to);
                }))
                .flatMap(deployed -> HttpApi.json(response, 200, view(environment, deployed)));
    }

    private Mono<Void> undeploy(String environment, HttpServerRequest request, HttpServerResponse response) {
        var name = RequestParameters.path(request, "name");
        if (name.length() > 128) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter", "bundle name is " + name.length() + " characters long, over the limit of 128");
        }
        return Blocking.call(() -> deployments.undeploy(environment, name))
                .flatMap(removed -> removed
                        ? HttpApi.json(
                                response, 200, Json.MAPPER.createObjectNode().put("undeployed", name))
                        : HttpApi.error(
                                response,
                                ApiErrors.of(new ApiErrors.NotFoundException(
                                        "unknown_bundle", "bundle '" + name + "' is not deployed in " + environment))));
    }

    /**
     * Runs one action of a bundle that is not deployed, against a real connection of the caller's
     * environment; records no execution. Body: {@code {"bundle": base64 jar, "action", "connection_id", "input"}}.
     */
    private Mono<Void> dryRun(String environment, HttpServerRequest request, HttpServerResponse response) {
        return RequestBodies.read(request, BUNDLE_LIMIT * 2)
                .flatMap(bytes -> Blocking.call(() -> {
                    var body = object(
                            bytes,
                            "{\"bundle\": \"<base64 jar>\", \"action\": \"...\", \"connection_id\": \"...\", \"input\": {}}");
                    var jar = base64Jar(BodyFields.required(body, "bundle", Integer.MAX_VALUE));
                    var actionName = Identifiers.requireParameter(
                            Identifiers.Kind.ACTION_NAME, "action", BodyFields.required(body, "action", 129));
                    var connectionId = BodyFields.optional(body, "connection_id", 256);
                    if (connectionId != null) {
                        Identifiers.requireParameter(Identifiers.Kind.CONNECTION_ID, "connection_id", connectionId);
                    }
                    var action = deployments.compileUndeployed(environment, jar, actionName);
                    var input = body.path("input").isMissingNode() ? Json.MAPPER.createObjectNode() : body.get("input");
                    return runner.dryRun(environment, action, connectionId, input);
                }))
                .flatMap(report -> HttpApi.json(response, 200, Json.MAPPER.valueToTree(report)));
    }

    private static ObjectNode object(byte[] bytes, String shape) {
        var body = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
        if (body == null || !body.isObject()) {
            throw new ApiErrors.BadRequestException(
                    "malformed_json", "the request body must be a JSON object " + shape);
        }
        return (ObjectNode) body;
    }

    private static int version(JsonNode to) {
        if (!to.isIntegralNumber() || !to.canConvertToInt() || to.asInt() < 1) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter", "to must be a deployment version, a whole number from 1, was " + to);
        }
        return to.asInt();
    }

    private static byte[] base64Jar(String bundle) {
        try {
            return Base64.getDecoder().decode(bundle);
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter", "bundle must be the jar in base64: " + e.getMessage());
        }
    }

    private static boolean booleanParameter(String name, List<String> values) {
        if (values.isEmpty() || values.getFirst().equals("false")) {
            return false;
        }
        if (values.getFirst().equals("true")) {
            return true;
        }
        throw new ApiErrors.BadRequestException(
                "invalid_parameter", name + " must be true or false, was '" + Printable.quote(values.getFirst()) + "'");
    }

    private static ObjectNode view(String environment, DeploymentService.Deployed deployed) {
        var body = Json.MAPPER.createObjectNode();
        body.put("environment", environment);
        body.put("bundle", deployed.deployment().bundleName());
        body.put("version", deployed.deployment().version());
        var list = body.putArray("actions");
        deployed.actions().forEach(action -> list.add(action.qualifiedName()));
        body.set("changes", Json.MAPPER.valueToTree(deployed.plan()));
        return body;
    }
}
