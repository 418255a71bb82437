package io.actionport.server.http;

import io.actionport.server.Abbreviation;
import io.actionport.server.ActionportException;
import io.actionport.server.Blocking;
import io.actionport.server.Identifiers;
import io.actionport.server.async.AsyncExecutions;
import io.actionport.server.async.Triggers;
import io.actionport.server.auth.EndUsers;
import io.actionport.server.auth.EnvironmentKeys;
import io.actionport.server.auth.EnvironmentManagement;
import io.actionport.server.auth.KeyManagement;
import io.actionport.server.auth.KeyRoles;
import io.actionport.server.auth.Principal;
import io.actionport.server.egress.EgressPolicy;
import io.actionport.server.metrics.Metrics;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.DeployedAction;
import io.actionport.server.registry.DeploymentService;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.store.AuditStore;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.Json;
import io.actionport.server.store.WebhookStore;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP API: Nango's {@code POST /action/trigger} and {@code GET /action/{id}}, the execution
 * view, the action catalog and deploys. It translates to and from the runner and nothing else.
 */
public final class HttpApi {

    /** Optional header naming the environment the caller means; a key of another one gets 403. */
    public static final String ENVIRONMENT_HEADER = "X-Actionport-Environment";

    private static final long BODY_LIMIT = 4L * 1024 * 1024;

    private final EnvironmentKeys keys;
    private final Triggers triggers;
    private final AsyncExecutions async;
    private final ActionRegistry registry;
    private final ExecutionStore executions;
    private final DeploymentAdmin deploymentAdmin;
    private final ConnectionAdmin connectionAdmin;
    private final WebhookAdmin webhookAdmin;
    private final Metrics metrics;
    private final RequestsProxy proxy;
    private final KeyAdmin keyAdmin;
    private final EnvironmentAdmin environmentAdmin;
    private final boolean openMetrics;
    private final AuditApi auditApi;
    private final ConnectEndpoints connect;

    public HttpApi(
            EnvironmentKeys keys,
            Triggers triggers,
            AsyncExecutions async,
            ActionRegistry registry,
            ExecutionStore executions,
            DeploymentService deployments,
            ActionRunner runner,
            ConnectionStore connections,
            WebhookStore webhooks,
            Metrics metrics,
            RequestsProxy proxy,
            EgressPolicy egress,
            KeyManagement keyManagement,
            EnvironmentManagement environmentManagement,
            boolean openMetrics,
            DoorLimits limits,
            AuditStore auditLog,
            ConnectEndpoints connect) {
        this.keys = keys;
        var audit = new AdminAudit(auditLog);
        this.auditApi = new AuditApi(auditLog);
        this.keyAdmin = new KeyAdmin(keyManagement, audit);
        this.environmentAdmin = new EnvironmentAdmin(environmentManagement);
        this.openMetrics = openMetrics;
        this.proxy = proxy;
        this.triggers = triggers;
        this.async = async;
        this.metrics = metrics;
        this.webhookAdmin = new WebhookAdmin(webhooks, egress, audit);
        this.registry = registry;
        this.executions = executions;
        this.deploymentAdmin = new DeploymentAdmin(deployments, runner, limits.maxUploadBytes(), audit);
        this.connectionAdmin = new ConnectionAdmin(connections, egress, audit, connect);
        this.connect = connect;
    }

    public void register(HttpServerRoutes routes) {
        routes.post("/action/trigger", caller(this::trigger))
                // Before /action/{id}: "trigger" is no execution id, and a GET of it a wrong method.
                .get(
                        "/action/trigger",
                        (request, response) ->
                                error(response, UnmatchedRoutes.methodNotAllowed("/action/trigger", request)))
                .get("/action/{id}", caller(this::nangoStatus))
                .get("/executions/{id}", caller(this::execution))
                .get("/executions", caller(this::recentExecutions))
                .get("/executions/{id}/logs", caller(this::executionLogs))
                .get("/actions", caller(this::actions))
                .post("/executions/{id}/cancel", caller(this::cancel))
                .get(
                        "/metrics",
                        openMetrics
                                ? (Route) this::metrics
                                : admin("reading metrics", (env, req, res) -> metrics(req, res)));
        connectionAdmin.register(routes, this);
        connect.register(routes, this);
        keyAdmin.register(routes, this);
        environmentAdmin.register(routes, this);
        deploymentAdmin.register(routes, this);
        webhookAdmin.register(routes, this);
        auditApi.register(routes, this);
        proxy.register(routes, this);
    }

    private Mono<Void> metrics(HttpServerRequest request, HttpServerResponse response) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4")
                .sendString(Blocking.call(metrics::scrape))
                .then();
    }

    /** A handler of admin work, which needs only the caller's environment. */
    @FunctionalInterface
    interface EnvironmentHandler {
        Mono<Void> handle(String environment, HttpServerRequest request, HttpServerResponse response);
    }

    /** A handler that needs to know who is calling. */
    @FunctionalInterface
    interface PrincipalHandler {
        Mono<Void> handle(Principal principal, HttpServerRequest request, HttpServerResponse response);
    }

    /** A route for admin keys only; {@code work} names it in the refusal of a caller key ("deploying a bundle"). */
    Route admin(String work, EnvironmentHandler handler) {
        return adminPrincipal(
                work, (principal, request, response) -> handler.handle(principal.environment(), request, response));
    }

    /** A route for admin keys only, whose handler needs the caller's key. */
    Route adminPrincipal(String work, PrincipalHandler handler) {
        return authenticated((principal, request, response) -> {
            KeyRoles.requireAdmin(principal, work);
            return handler.handle(principal, request, response);
        });
    }

    /** A route for any key of the environment, caller or admin; the handler applies the caller's limits. */
    Route caller(PrincipalHandler handler) {
        return authenticated((principal, request, response) -> {
            KeyRoles.requireCaller(principal);
            return handler.handle(principal, request, response);
        });
    }

    /** A route handler, as Reactor Netty takes it. */
    interface Route
            extends java.util.function.BiFunction<
                    HttpServerRequest, HttpServerResponse, org.reactivestreams.Publisher<Void>> {}

    private Route authenticated(PrincipalHandler handler) {
        return (request, response) -> Blocking.call(() -> keys.authenticate(
                        single(request.requestHeaders(), "Authorization"),
                        Identifiers.optionalHeader(
                                Identifiers.Kind.ENVIRONMENT, ENVIRONMENT_HEADER, header(request, ENVIRONMENT_HEADER))))
                .flatMap(principal -> Mono.defer(() -> handler.handle(principal, request, response)))
                .onErrorResume(failure -> {
                    var retryAfter = ApiErrors.retryAfter(failure);
                    return error(
                            retryAfter == null ? response : response.header(HttpHeaderNames.RETRY_AFTER, retryAfter),
                            ApiErrors.of(failure));
                });
    }

    private Mono<Void> trigger(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var options = new Triggers.Options(
                RequestParameters.booleanHeader(request, "X-Async"),
                RequestParameters.wholeNumberHeader(request, "X-Max-Retries", 0, 5),
                Identifiers.optionalHeader(
                        Identifiers.Kind.IDEMPOTENCY_KEY, "Idempotency-Key", header(request, "Idempotency-Key")));
        var integration = Identifiers.optionalHeader(
                Identifiers.Kind.INTEGRATION_KEY, "Provider-Config-Key", header(request, "Provider-Config-Key"));
        KeyRoles.requireIntegration(principal, integration);
        var connectionId = Identifiers.optionalHeader(
                Identifiers.Kind.CONNECTION_ID, "Connection-Id", header(request, "Connection-Id"));
        var endUser = EndUsers.of(principal, EndUsers.header(request.requestHeaders()));
        return RequestBodies.read(request, BODY_LIMIT)
                .map(HttpApi::parseTrigger)
                .flatMap(body -> Mono.fromFuture(
                        () -> triggers.trigger(
                                new ExecutionRequest(
                                        environment,
                                        integration,
                                        body.actionName(),
                                        connectionId,
                                        body.input(),
                                        Caller.HTTP,
                                        null,
                                        principal.keyId(),
                                        endUser),
                                options),
                        false))
                .flatMap(triggered -> switch (triggered) {
                    case Triggers.Triggered.Accepted accepted ->
                        accepted(response, accepted.record().id());
                    case Triggers.Triggered.Completed completed ->
                        switch (completed.outcome()) {
                            case ExecutionOutcome.Succeeded ok ->
                                json(response.header("X-Execution-Id", ok.executionId()), 200, ok.output());
                            case ExecutionOutcome.Failed failed ->
                                error(
                                        response.header("X-Execution-Id", failed.executionId()),
                                        ApiErrors.ofExecution(failed.executionId(), failed.error()));
                        };
                });
    }

    /** Nango's async answer: 202, the id and where to poll. */
    private static Mono<Void> accepted(HttpServerResponse response, String executionId) {
        var statusUrl = "/action/" + executionId;
        var body = Json.MAPPER.createObjectNode().put("id", executionId).put("statusUrl", statusUrl);
        return json(
                response.header(HttpHeaderNames.LOCATION, statusUrl).header("X-Execution-Id", executionId), 202, body);
    }

    private Mono<Void> cancel(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var id = RequestParameters.path(request, "id");
        return Blocking.call(() -> {
                    var record = visibleExecution(principal, id);
                    if (async.cancel(environment, id)) {
                        return Json.MAPPER.createObjectNode().put("id", id).put("status", "cancelled");
                    }
                    throw new ApiErrors.ConflictException(
                            "not_cancellable",
                            "execution " + id + " is " + record.status().wireName()
                                    + " and can no longer be cancelled");
                })
                .flatMap(body -> json(response, 200, body));
    }

    private record TriggerBody(String actionName, JsonNode input) {}

    private static TriggerBody parseTrigger(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ApiErrors.BadRequestException(
                    "malformed_json", "the request body is empty; send {\"action_name\": \"...\", \"input\": {...}}");
        }
        var body = Json.REQUESTS.readTree(bytes);
        if (!(body instanceof ObjectNode object)) {
            throw new ApiErrors.BadRequestException(
                    "malformed_json",
                    "the request body must be a JSON object {\"action_name\": \"...\", \"input\": {...}}");
        }
        var name = object.get("action_name");
        if (name != null && !name.isNull() && !name.isString()) {
            throw new ApiErrors.BadRequestException(
                    "invalid_action_name",
                    "\"action_name\" must be a string, the name of a deployed action (GET /actions lists them); got "
                            + name.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                            + Abbreviation.of(name.toString(), 40));
        }
        if (name == null || name.isNull() || name.asString().isBlank()) {
            throw new ApiErrors.BadRequestException(
                    "missing_action_name",
                    "the body needs \"action_name\": the name of a deployed action (GET /actions lists them)");
        }
        return new TriggerBody(
                Identifiers.requireParameter(Identifiers.Kind.ACTION_NAME, "action_name", name.asString()),
                object.get("input"));
    }

    /** Nango's contract: 404 while running, 200 with the output, 500 with the error. */
    private Mono<Void> nangoStatus(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var id = RequestParameters.path(request, "id");
        return Blocking.call(() -> executions
                        .find(environment, id)
                        .filter(record -> KeyRoles.maySeeExecution(principal, record.keyId())))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return error(
                                response,
                                ApiErrors.of(new ApiErrors.NotFoundException(
                                        "unknown_execution", "no execution " + id + " in environment " + environment)));
                    }
                    var record = found.get();
                    if (!record.status().isFinished()) {
                        return error(
                                response,
                                ApiErrors.of(new ApiErrors.NotFoundException(
                                        "execution_running",
                                        "execution " + id + " is "
                                                + record.status().wireName() + "; poll again, or GET /executions/" + id
                                                + " for its status")));
                    }
                    if (record.status() == ExecutionStatus.SUCCEEDED) {
                        return json(response, 200, Json.MAPPER.readTree(record.output()));
                    }
                    var body = Json.MAPPER.createObjectNode();
                    body.putObject("error").put("code", record.errorCode()).put("message", record.errorMessage());
                    return json(response, 500, body);
                });
    }

    private Mono<Void> execution(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var id = RequestParameters.path(request, "id");
        return Blocking.call(() -> ExecutionViews.view(visibleExecution(principal, id), executions.logs(id)))
                .flatMap(view -> json(response, 200, view));
    }

    /** The execution, if the key may see it: an admin key any of its environment, a caller key its own. */
    private io.actionport.server.store.ExecutionRecord visibleExecution(Principal principal, String id) {
        return executions
                .find(principal.environment(), id)
                .filter(record -> KeyRoles.maySeeExecution(principal, record.keyId()))
                .orElseThrow(() -> new ApiErrors.NotFoundException(
                        "unknown_execution",
                        "no execution " + id + " in environment " + principal.environment()
                                + (principal.isAdmin() ? "" : " started by this key")));
    }

    /** Query: {@code action}, {@code status}, {@code connection}, {@code since} (ISO instant), {@code limit}, {@code cursor}. */
    private Mono<Void> recentExecutions(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var query = RequestParameters.queryParameters(request);
        java.util.function.Function<String, String> param =
                name -> query.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
        return Blocking.call(() -> {
                    var filter = new ExecutionStore.Filter(
                            param.apply("action"),
                            param.apply("status") == null ? null : parseStatus(param.apply("status")),
                            param.apply("connection"),
                            param.apply("since") == null ? null : parseInstant(param.apply("since")),
                            param.apply("cursor"),
                            KeyRoles.executionOwnerFilter(principal));
                    int limit = RequestParameters.wholeNumber("limit", param.apply("limit"), 1, 500, 50);
                    var page = executions.search(environment, filter, limit);
                    var body = Json.MAPPER.createObjectNode();
                    var list = body.putArray("executions");
                    page.forEach(record -> list.add(ExecutionViews.view(record, List.of())));
                    body.put(
                            "next_cursor", page.size() == limit ? page.getLast().id() : null);
                    return body;
                })
                .flatMap(body -> json(response, 200, body));
    }

    /** Query: {@code after} (a sequence number; -1 for all). Answers the lines after it and whether more may come. */
    private Mono<Void> executionLogs(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var id = RequestParameters.path(request, "id");
        int from = RequestParameters.wholeNumber(
                "after", RequestParameters.query(request, "after"), -1, Integer.MAX_VALUE, -1);
        return Blocking.call(() -> {
                    var record = visibleExecution(principal, id);
                    var lines = executions.logsAfter(id, from);
                    var body = Json.MAPPER.createObjectNode();
                    body.put("status", record.status().wireName());
                    body.put("finished", record.status().isFinished());
                    body.put("next", from + lines.size());
                    var list = body.putArray("logs");
                    lines.forEach(line -> list.add(ExecutionViews.logLine(line)));
                    return body;
                })
                .flatMap(body -> json(response, 200, body));
    }

    private static io.actionport.server.store.ExecutionStatus parseStatus(String status) {
        try {
            return io.actionport.server.store.ExecutionStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter",
                    "status must be queued, running, succeeded, failed or cancelled, was '" + status + "'");
        }
    }

    private static java.time.Instant parseInstant(String since) {
        try {
            return java.time.Instant.parse(since);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiErrors.BadRequestException(
                    "invalid_parameter",
                    "since must be an ISO-8601 instant such as 2026-11-25T10:00:00Z, was '" + since + "'");
        }
    }

    private Mono<Void> actions(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var integration = header(request, "Provider-Config-Key");
        var list = Json.MAPPER.createArrayNode();
        registry.actions(principal.environment()).stream()
                .filter(action -> integration == null || action.integration().equals(integration))
                .filter(action -> KeyRoles.mayUse(principal, action.integration()))
                .forEach(action -> list.add(describe(action)));
        return json(response, 200, Json.MAPPER.createObjectNode().set("actions", list));
    }

    static ObjectNode describe(DeployedAction action) {
        var descriptor = action.descriptor();
        var node = Json.MAPPER.createObjectNode();
        node.put("integration", descriptor.integration());
        node.put("name", descriptor.name());
        node.put("version", descriptor.version());
        node.put("title", descriptor.title());
        node.put("description", descriptor.description());
        node.put("bundle", action.bundleName());
        node.put("mode", descriptor.mode().wireName());
        node.put("timeout_ms", descriptor.timeout().toMillis());
        node.put("max_attempts", descriptor.retryPolicy().maxAttempts());
        node.putObject("hints")
                .put("read_only", descriptor.hints().readOnly())
                .put("idempotent", descriptor.hints().idempotent())
                .put("destructive", descriptor.hints().destructive())
                .put("open_world", descriptor.hints().openWorld());
        node.set("input_schema", action.inputSchema().json());
        node.set("output_schema", action.outputSchema().json());
        return node;
    }

    /** A header's trimmed value, or null when absent or blank; refused when sent more than once. */
    static String header(HttpServerRequest request, String name) {
        var value = single(request.requestHeaders(), name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A header's value as sent, or null; sent more than once it is refused, since which one counts
     * would be a guess. The MCP door refuses repeated headers through it too.
     */
    public static String single(HttpHeaders headers, CharSequence name) {
        var values = headers.getAll(name);
        if (values.size() > 1) {
            throw new RepeatedHeaderException(name, values.size());
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    /** A header that must come at most once came more than once. */
    public static final class RepeatedHeaderException extends ActionportException {
        RepeatedHeaderException(CharSequence name, int times) {
            super("repeated_header", name + " was sent " + times + " times; send it once");
        }
    }

    static Mono<Void> json(HttpServerResponse response, int status, JsonNode body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendByteArray(Mono.just(body.toString().getBytes(StandardCharsets.UTF_8)))
                .then();
    }

    static Mono<Void> error(HttpServerResponse response, ApiErrors.ApiError error) {
        return json(response, error.status(), error.body());
    }
}
