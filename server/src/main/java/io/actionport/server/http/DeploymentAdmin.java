package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.Identifiers;
import io.actionport.server.Printable;
import io.actionport.server.auth.Principal;
import io.actionport.server.registry.DeploymentService;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.store.Json;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The author's admin endpoints: deploy, undeploy, roll back, and dry-run a bundle against a real connection. */
final class DeploymentAdmin {

    private final DeploymentService deployments;
    private final ActionRunner runner;
    private final AdminAudit audit;
    private final long maxUploadBytes;
    /** A bundle is held in memory whole while it deploys; one at a time bounds what uploads take. */
    private final Semaphore oneBundleInMemory = new Semaphore(1);

    DeploymentAdmin(DeploymentService deployments, ActionRunner runner, long maxUploadBytes, AdminAudit audit) {
        this.deployments = deployments;
        this.audit = audit;
        this.runner = runner;
        this.maxUploadBytes = maxUploadBytes;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        // Deploy and dryrun load a jar and run its code on the server: admin keys only.
        routes.post(
                        "/admin/deploy",
                        api.adminPrincipal("deploying a bundle (which runs its code on the server)", this::deploy))
                .delete("/admin/bundles/{name}", api.adminPrincipal("undeploying a bundle", this::undeploy))
                .post("/admin/rollback", api.adminPrincipal("rolling back an action", this::rollback))
                .post(
                        "/admin/dryrun",
                        api.admin("a dry run (which runs the bundle's code on the server)", this::dryRun));
    }

    /** Body: the jar. Query: {@code action} (repeatable), {@code integration}, {@code allow_breaking}. */
    private Mono<Void> deploy(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var query = RequestParameters.queryParameters(request);
        var actions = query.getOrDefault("action", List.of());
        actions.forEach(action -> Identifiers.requireParameter(Identifiers.Kind.ACTION_NAME, "action", action));
        var integration = query.getOrDefault("integration", List.of()).stream()
                .findFirst()
                .map(key -> Identifiers.requireParameter(Identifiers.Kind.INTEGRATION_KEY, "integration", key))
                .orElse(null);
        boolean allowBreaking = booleanParameter("allow_breaking", query.getOrDefault("allow_breaking", List.of()));
        return Mono.usingWhen(
                        SpooledUpload.receive(
                                request,
                                maxUploadBytes,
                                "bundles larger than this are refused (serve --max-upload-mb)"),
                        upload -> Blocking.call(() -> inMemory(() -> {
                            var jar = upload.bytes();
                            var deployed = deployments.deploy(
                                    environment,
                                    jar,
                                    integration == null ? actions : deployments.actionsOf(jar, integration),
                                    allowBreaking);
                            audit.done(principal, "deploy", versionOf(deployed));
                            return deployed;
                        })),
                        upload -> Mono.fromRunnable(upload::close))
                .flatMap(deployed -> HttpApi.json(response, 200, view(environment, deployed)));
    }

    /** Body: {@code {"action": "...", "to": 3}}; {@code to} is optional. */
    private Mono<Void> rollback(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        return RequestBodies.read(request, 16 * 1024)
                .flatMap(bytes -> Blocking.call(() -> {
                    var body = object(bytes, "{\"action\": \"integration/name\", \"to\": 3}");
                    var action = Identifiers.requireParameter(
                            Identifiers.Kind.ACTION_NAME, "action", BodyFields.required(body, "action", 129));
                    var to = body.path("to").isMissingNode() || body.path("to").isNull()
                            ? null
                            : version(body.get("to"));
                    var deployed = deployments.rollback(environment, action, to);
                    audit.done(principal, "rollback", versionOf(deployed));
                    return deployed;
                }))
                .flatMap(deployed -> HttpApi.json(response, 200, view(environment, deployed)));
    }

    private Mono<Void> undeploy(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var name = RequestParameters.path(request, "name");
        if (name.length() > 128) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter", "bundle name is " + name.length() + " characters long, over the limit of 128");
        }
        return Blocking.call(() -> {
                    boolean removed = deployments.undeploy(environment, name);
                    if (removed) {
                        audit.done(principal, "undeploy", name);
                    }
                    return removed;
                })
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
     * environment; records no execution. Body: {@code {"bundle": base64 jar, "action", "connection_id", "end_user_id", "input"}}; a connection an end user owns
     * needs that user's {@code end_user_id}, as any call does.
     */
    private Mono<Void> dryRun(String environment, HttpServerRequest request, HttpServerResponse response) {
        // The jar travels in base64, a third larger than the jar a deploy would take.
        long limit = maxUploadBytes / 3 * 4 + 64 * 1024;
        return Mono.usingWhen(
                        SpooledUpload.receive(
                                request,
                                limit,
                                "the bundle inside is larger than a deploy accepts (serve --max-upload-mb)"),
                        upload -> Blocking.call(() -> {
                            var body = DryRunBody.read(upload.file());
                            try {
                                Identifiers.requireParameter(Identifiers.Kind.ACTION_NAME, "action", body.action());
                                if (body.connectionId() != null) {
                                    Identifiers.requireParameter(
                                            Identifiers.Kind.CONNECTION_ID, "connection_id", body.connectionId());
                                }
                                if (body.endUser() != null) {
                                    Identifiers.requireParameter(
                                            Identifiers.Kind.END_USER_ID, "end_user_id", body.endUser());
                                }
                                return inMemory(() -> {
                                    var action = deployments.compileUndeployed(
                                            environment, Files.readAllBytes(body.jar()), body.action());
                                    return runner.dryRun(
                                            environment,
                                            action,
                                            body.connectionId(),
                                            body.endUser(),
                                            body.input(),
                                            body.force());
                                });
                            } finally {
                                Files.deleteIfExists(body.jar());
                            }
                        }),
                        upload -> Mono.fromRunnable(upload::close))
                .flatMap(report -> HttpApi.json(response, 200, Json.MAPPER.valueToTree(report)));
    }

    private <T> T inMemory(Callable<T> work) throws Exception {
        oneBundleInMemory.acquire();
        try {
            return work.call();
        } finally {
            oneBundleInMemory.release();
        }
    }

    private static ObjectNode object(byte[] bytes, String shape) {
        var body = bytes.length == 0 ? null : Json.REQUESTS.readTree(bytes);
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

    private static String versionOf(DeploymentService.Deployed deployed) {
        return deployed.deployment().bundleName() + "@" + deployed.deployment().version();
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
