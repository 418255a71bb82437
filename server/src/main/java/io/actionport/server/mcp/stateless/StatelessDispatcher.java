package io.actionport.server.mcp.stateless;

import io.actionport.server.InternalErrors;
import io.actionport.server.runner.ClientRequest;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers requests of the stateless era for one environment, integration scope and key, whatever
 * carries them: a single message, or a stream (progress before a tool's result, a listen stream).
 */
public final class StatelessDispatcher {

    private static final long DISCOVER_TTL_MS = 300_000;
    private static final long FINISHED_TTL_MS = 3_600_000;

    /** Methods of the session era that the stateless era removed, and what replaces each. */
    private static final Map<String, String> REMOVED = Map.of(
            "initialize",
                    "The stateless era has no initialize: send server/discover, or initialize without "
                            + "the stateless _meta to open a 2025-11-25 session.",
            "ping", "The stateless era has no ping.",
            "logging/setLevel", "Send the level in _meta \"io.modelcontextprotocol/logLevel\" of each request.",
            "resources/subscribe", "Use subscriptions/listen with notifications.resourceSubscriptions.",
            "resources/unsubscribe", "Close the subscriptions/listen stream.",
            "tasks/list", "Tasks are not listed: keep the ids tools/call returned.",
            "tasks/result", "tasks/get returns the result of a finished task.");

    private final String environment;
    private final ToolSurface tools;
    private final ListenStreams listens;
    private final StatelessResults results;
    private final String instructions;
    private final RequestStates requestStates;

    public StatelessDispatcher(
            String environment,
            ToolSurface tools,
            ListenStreams listens,
            RequestStates requestStates,
            String version,
            String instructions) {
        this.requestStates = requestStates;
        this.environment = environment;
        this.tools = tools;
        this.listens = listens;
        this.results = new StatelessResults(version);
        this.instructions = instructions;
    }

    /** What to send back: one message with its HTTP status, or a stream of messages. */
    public sealed interface Reply {

        record Single(int status, ObjectNode message) implements Reply {}

        record Stream(Flux<ObjectNode> messages) implements Reply {}
    }

    /**
     * Answers a checked request.
     *
     * @param connectionId the connection the request asks for, or null for the integration's only one
     */
    public Mono<Reply> reply(StatelessRequest request, String connectionId) {
        var id = request.id();
        return Mono.defer(() -> dispatch(request, connectionId))
                .onErrorResume(StatelessError.class, e -> Mono.just(refusal(id, e)))
                .onErrorResume(McpError.class, e -> Mono.just(refusal(id, fromSdk(e))))
                .onErrorResume(
                        failure -> !(failure instanceof StatelessError),
                        failure -> Mono.just(refusal(id, internal(request.method(), failure))));
    }

    /** The answer to a request refused before dispatch. */
    static Reply refusal(Object id, StatelessError error) {
        return new Reply.Single(error.httpStatus(), errorMessage(id, error));
    }

    private Mono<Reply> dispatch(StatelessRequest request, String connectionId) {
        return switch (request.method()) {
            case "server/discover" -> ok(request, discover());
            case "tools/list" -> ok(request, listTools());
            case "tools/call" -> callTool(request, connectionId);
            case "resources/list" ->
                ok(request, results.cacheable(tools.offerings().listResources(), StatelessResults.LIST_TTL_MS));
            case "resources/templates/list" ->
                ok(request, results.cacheable(tools.offerings().listResourceTemplates(), StatelessResults.LIST_TTL_MS));
            case "resources/read" -> readResource(request, connectionId).flatMap(result -> ok(request, result));
            case "prompts/list" ->
                ok(request, results.cacheable(tools.offerings().listPrompts(), StatelessResults.LIST_TTL_MS));
            case "prompts/get" -> getPrompt(request).flatMap(result -> ok(request, result));
            case "completion/complete" ->
                tools.offerings()
                        .complete(request.params())
                        .flatMap(completion -> ok(request, results.complete(completion)));
            case "subscriptions/listen" -> listen(request);
            case "tasks/get" -> getTask(request).flatMap(result -> ok(request, result));
            case "tasks/cancel" -> cancelTask(request).flatMap(result -> ok(request, result));
            case "tasks/update" -> updateTask(request).flatMap(result -> ok(request, result));
            default -> {
                var why = REMOVED.get(request.method());
                throw StatelessError.methodNotFound(
                        request.method(),
                        why != null
                                ? why
                                : "This server offers server/discover, tools/list, tools/call, resources/list, "
                                        + "resources/templates/list, resources/read, prompts/list, prompts/get, "
                                        + "completion/complete, subscriptions/listen and, with the tasks "
                                        + "extension, tasks/get, tasks/update and tasks/cancel.");
            }
        };
    }

    private ObjectNode discover() {
        var body = Json.MAPPER.createObjectNode();
        var versions = body.putArray("supportedVersions");
        versions.add(StatelessRequest.VERSION);
        versions.add("2025-11-25");
        var capabilities = body.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", true);
        capabilities.putObject("prompts").put("listChanged", true);
        capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
        capabilities.putObject("completions");
        capabilities.putObject("logging");
        capabilities.putObject("extensions").putObject(StatelessRequest.TASKS_EXTENSION);
        body.put("instructions", instructions);
        var result = results.cacheable(body, DISCOVER_TTL_MS);
        result.put("cacheScope", "public");
        return result;
    }

    private ObjectNode listTools() {
        var body = Json.MAPPER.createObjectNode();
        body.set("tools", Json.MAPPER.valueToTree(tools.tools()));
        return results.cacheable(body, StatelessResults.LIST_TTL_MS);
    }

    private Mono<Reply> callTool(StatelessRequest request, String connectionId) {
        var name = request.requiredString("name");
        var arguments = request.params().get("arguments");
        if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
            throw StatelessError.invalidParams("params.arguments must be an object");
        }
        McpParamHeaders.check(tools.tool(name).orElse(null), arguments, request.paramHeaders());
        if (tools.requiresTasks(name)) {
            requireTasks(request, "tool '" + name + "' runs only as a task");
        }
        var binding = new RequestStates.Binding(name, arguments, environment, tools.callerId());
        var stream = new CallStream(
                request.progressToken(),
                request.logLevel(),
                name,
                request.capabilities(),
                answersSoFar(request, binding));
        var taskCapabilities = request.acceptsTasks() ? request.capabilities().toString() : null;
        var call = tools.call(name, arguments, connectionId, stream, taskCapabilities)
                .map(answer -> {
                    if (stream.pendingQuestion() != null) {
                        return inputRequired(stream, binding);
                    }
                    refuseIfMissingCapability(stream.unanswerable(), answer);
                    return toolResult(request, answer);
                });
        if (!CallStream.wanted(request)) {
            return call.flatMap(result -> ok(request, result));
        }
        // Progress and log lines go out on this request's own stream, before the answer, which ends it.
        var answered = call.map(result -> response(request.id(), result))
                .onErrorResume(StatelessError.class, e -> Mono.just(errorMessage(request.id(), e)))
                .onErrorResume(McpError.class, e -> Mono.just(errorMessage(request.id(), fromSdk(e))))
                .onErrorResume(failure -> Mono.just(errorMessage(request.id(), internal(request.method(), failure))));
        return Mono.just(
                new Reply.Stream(stream.messages().doOnSubscribe(subscription -> answered.subscribe(stream::answer))));
    }

    /**
     * A prompt, rendered once the client answered what it asks: a question left unanswered makes
     * the result {@code input_required}, as for a tool call.
     */
    private Mono<ObjectNode> getPrompt(StatelessRequest request) {
        var name = request.requiredString("name");
        var arguments = request.params().get("arguments");
        // "prompt:" keeps a state issued for a prompt from being replayed to a tool of the same name.
        var binding = new RequestStates.Binding("prompt:" + name, arguments, environment, tools.callerId());
        var stream = new CallStream(null, null, name, request.capabilities(), answersSoFar(request, binding));
        return tools.offerings()
                .getPrompt(name, arguments, stream)
                .map(results::complete)
                .onErrorResume(failure -> asked(stream, binding, failure));
    }

    /**
     * The answer to a request stopped by a question: {@code input_required} when the client can
     * answer it in another round, -32021 when it did not declare what answering needs; any other
     * failure stays as it was.
     */
    private Mono<ObjectNode> asked(CallStream stream, RequestStates.Binding binding, Throwable failure) {
        if (stream.unanswerable() != null) {
            return Mono.error(missingCapability(stream.unanswerable()));
        }
        if (stream.pendingQuestion() != null) {
            return Mono.just(inputRequired(stream, binding));
        }
        return Mono.error(failure);
    }

    /** The answers of earlier rounds (from the signed state) and of this one (inputResponses). */
    private ObjectNode answersSoFar(StatelessRequest request, RequestStates.Binding binding) {
        var answers = Json.MAPPER.createObjectNode();
        var state = request.params().get("requestState");
        if (state != null && !state.isNull()) {
            if (!state.isString()) {
                throw StatelessError.invalidParams("params.requestState must be the string this server returned");
            }
            answers.setAll(requestStates.answers(state.asString(), binding));
        }
        var responses = request.params().get("inputResponses");
        if (responses != null && !responses.isNull()) {
            if (!responses.isObject()) {
                throw StatelessError.invalidParams(
                        "params.inputResponses must be an object of answers keyed as inputRequests named them");
            }
            answers.setAll((ObjectNode) responses);
        }
        return answers;
    }

    /**
     * A tool that failed because it needed what the client did not declare (and did not go on
     * without it) is a missing capability, -32021, naming the capability.
     */
    private static void refuseIfMissingCapability(ClientRequest unanswerable, ToolAnswer answer) {
        if (unanswerable != null
                && answer instanceof ToolAnswer.Finished finished
                && Boolean.TRUE.equals(finished.result().isError())
                && String.valueOf(finished.result().content()).contains(unanswerable.unavailableCode())) {
            throw missingCapability(unanswerable);
        }
    }

    private static StatelessError missingCapability(ClientRequest unanswerable) {
        var required = Json.MAPPER.createObjectNode();
        required.putObject(unanswerable.capability());
        return StatelessError.missingCapability(
                "Missing client capability: answering needs " + unanswerable.capability()
                        + "; declare it in _meta \"io.modelcontextprotocol/clientCapabilities\"",
                required);
    }

    /** The action asked a question: the client answers it and calls again with the state. */
    private ObjectNode inputRequired(CallStream stream, RequestStates.Binding binding) {
        var body = Json.MAPPER.createObjectNode();
        var requests = body.putObject("inputRequests");
        for (var asked : stream.pendingQuestion().requests()) {
            var request = requests.putObject(asked.key());
            request.put("method", asked.method());
            request.set("params", asked.params());
        }
        body.put("requestState", requestStates.issue(binding, stream.answers()));
        return results.typed(body, "input_required");
    }

    private ObjectNode toolResult(StatelessRequest request, ToolAnswer answer) {
        return switch (answer) {
            case ToolAnswer.Finished finished -> results.complete(Json.MAPPER.valueToTree(finished.result()));
            case ToolAnswer.Accepted accepted ->
                request.acceptsTasks()
                        ? results.typed(ExecutionTasks.task(accepted.execution(), tools, List.of()), "task")
                        : results.complete(Json.MAPPER.valueToTree(accepted.link()));
        };
    }

    /** An execution's result resource, else a bundle's resource; neither is -32602 naming the URI. */
    private Mono<ObjectNode> readResource(StatelessRequest request, String connectionId) {
        var uri = request.requiredString("uri");
        return tools.readExecution(uri).flatMap(view -> {
            if (view.isPresent()) {
                var execution = view.get();
                var contents = Json.MAPPER.createObjectNode();
                contents.putArray("contents")
                        .addObject()
                        .put("uri", uri)
                        .put("mimeType", "application/json")
                        .put("text", execution.toString());
                var status = execution.path("status").asString();
                var finished = !"queued".equals(status) && !"running".equals(status);
                return Mono.just(results.cacheable(contents, finished ? FINISHED_TTL_MS : 0));
            }
            return tools.offerings()
                    .readResource(uri, connectionId)
                    .map(found -> found.map(contents -> results.cacheable(contents, StatelessResults.LIST_TTL_MS))
                            .orElseThrow(() -> new StatelessError(
                                    200,
                                    StatelessError.INVALID_PARAMS,
                                    "Resource not found: " + uri
                                            + "; resources/list and resources/templates/list show what "
                                            + "can be read (execution results are actionport://executions/{id})",
                                    Json.MAPPER.createObjectNode().put("uri", uri))));
        });
    }

    private Mono<Reply> listen(StatelessRequest request) {
        var wanted = request.params().path("notifications");
        var toolsChanged = wanted.path("toolsListChanged").asBoolean(false);
        var promptsChanged = wanted.path("promptsListChanged").asBoolean(false);
        var resourcesChanged = wanted.path("resourcesListChanged").asBoolean(false);
        var uris = new HashSet<String>();
        wanted.path("resourceSubscriptions").forEach(uri -> {
            if (uri.isString()) {
                uris.add(uri.asString());
            }
        });
        var taskIds = new HashSet<String>();
        if (wanted.has("taskIds")) {
            requireTasks(request);
            wanted.path("taskIds").forEach(taskId -> {
                if (taskId.isString()) {
                    taskIds.add(taskId.asString());
                }
            });
        }
        var subscriptionId = Json.MAPPER.<JsonNode>valueToTree(request.id());
        var honoured = Json.MAPPER.createObjectNode();
        if (toolsChanged) {
            honoured.put("toolsListChanged", true);
        }
        if (promptsChanged) {
            honoured.put("promptsListChanged", true);
        }
        if (resourcesChanged) {
            honoured.put("resourcesListChanged", true);
        }
        if (wanted.has("resourceSubscriptions")) {
            uris.forEach(honoured.putArray("resourceSubscriptions")::add);
        }
        if (wanted.has("taskIds")) {
            taskIds.forEach(honoured.putArray("taskIds")::add);
        }
        var ack = ListenStreams.notification(
                subscriptionId,
                "notifications/subscriptions/acknowledged",
                Json.MAPPER.createObjectNode().set("notifications", honoured));
        var events = listens.open(
                environment,
                subscriptionId,
                new ListenStreams.Filter(
                        toolsChanged, promptsChanged, resourcesChanged, Set.copyOf(uris), Set.copyOf(taskIds)),
                tools);
        return Mono.just(new Reply.Stream(Flux.concat(Mono.just(ack), events)));
    }

    private Mono<ObjectNode> getTask(StatelessRequest request) {
        requireTasks(request);
        var taskId = request.requiredString("taskId");
        return knownTask(taskId)
                .flatMap(record -> tools.taskRequests(taskId)
                        .map(asked -> results.complete(ExecutionTasks.task(record, tools, asked))));
    }

    private Mono<ObjectNode> cancelTask(StatelessRequest request) {
        requireTasks(request);
        var taskId = request.requiredString("taskId");
        // Cancelling a finished task is not an error: cancellation is a wish, and the task already ended.
        return knownTask(taskId).flatMap(record -> tools.cancel(taskId)).map(cancelled -> results.complete(null));
    }

    private Mono<ObjectNode> updateTask(StatelessRequest request) {
        requireTasks(request);
        var taskId = request.requiredString("taskId");
        var responses = request.params().get("inputResponses");
        if (responses == null || !responses.isObject()) {
            throw StatelessError.invalidParams("params.inputResponses is required and must be an object");
        }
        // Answers to requests that wait are stored; unknown or answered keys are ignored, as the extension says.
        return knownTask(taskId)
                .flatMapMany(record -> Flux.fromIterable(responses.properties()))
                .concatMap(answer -> tools.answerTask(
                        taskId, answer.getKey(), answer.getValue().toString()))
                .then(Mono.fromSupplier(() -> results.complete(null)));
    }

    private Mono<io.actionport.server.store.ExecutionRecord> knownTask(String taskId) {
        return tools.execution(taskId)
                .map(found -> found.orElseThrow(() -> StatelessError.invalidParams("no task " + taskId
                        + " is known to this key (task ids are the execution ids tools/call returned)")));
    }

    private static void requireTasks(StatelessRequest request) {
        requireTasks(request, request.method() + " belongs to the tasks extension");
    }

    private static void requireTasks(StatelessRequest request, String why) {
        if (!request.acceptsTasks()) {
            var required = Json.MAPPER.createObjectNode();
            required.putObject("extensions").putObject(StatelessRequest.TASKS_EXTENSION);
            throw StatelessError.missingCapability(
                    "Missing client capability: " + why + "; declare extensions.\""
                            + StatelessRequest.TASKS_EXTENSION
                            + "\" in _meta \"io.modelcontextprotocol/clientCapabilities\"",
                    required);
        }
    }

    private static ObjectNode response(Object id, ObjectNode result) {
        var message = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        message.set("id", Json.MAPPER.valueToTree(id));
        message.set("result", result);
        return message;
    }

    private static ObjectNode errorMessage(Object id, StatelessError error) {
        var message = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        message.set("id", Json.MAPPER.valueToTree(id));
        var body = message.putObject("error").put("code", error.code()).put("message", error.getMessage());
        if (error.data() != null) {
            body.set("data", error.data());
        }
        return message;
    }

    private static StatelessError fromSdk(McpError error) {
        var jsonRpc = error.getJsonRpcError();
        var data = jsonRpc.data() == null ? null : Json.MAPPER.<JsonNode>valueToTree(jsonRpc.data());
        return new StatelessError(200, jsonRpc.code(), jsonRpc.message(), data);
    }

    private static StatelessError internal(String method, Throwable failure) {
        var report = InternalErrors.report("MCP " + method, failure);
        return new StatelessError(
                500,
                -32603,
                "Internal error: " + report.message(),
                Json.MAPPER.createObjectNode().put("error_id", report.errorId()));
    }

    private static Mono<Reply> ok(StatelessRequest request, ObjectNode result) {
        return Mono.just(new Reply.Single(200, response(request.id(), result)));
    }
}
