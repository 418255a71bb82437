package io.actionport.server.mcp.stateless;

import io.actionport.server.store.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open {@code subscriptions/listen} streams of this node and what each asked to hear: tool,
 * prompt and resource list changes of its environment, updates of execution result resources, and
 * task status. Each message is tagged with the listen request's id as {@code subscriptionId}.
 * Executions and tasks are followed in the store too, every second, so that a stream hears of
 * those another node runs: each task status change once, each result resource's update once.
 */
public final class ListenStreams {

    static final String SUBSCRIPTION_ID_META = "io.modelcontextprotocol/subscriptionId";

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String EXECUTION_URI = "actionport://executions/";
    /** Statuses a task never leaves: once announced, the task is no longer looked up. */
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

    /** What one stream listens to. */
    record Filter(
            boolean toolsListChanged,
            boolean promptsListChanged,
            boolean resourcesListChanged,
            Set<String> resourceUris,
            Set<String> taskIds) {}

    /**
     * @param taskStatuses the last status announced of each task
     * @param updatedUris the execution result resources announced as updated (they change once)
     */
    private record Listener(
            String environment,
            JsonNode subscriptionId,
            Filter filter,
            ToolSurface tools,
            Sinks.Many<ObjectNode> sink,
            Map<String, String> taskStatuses,
            Set<String> updatedUris) {

        Set<String> executionUris() {
            return filter.resourceUris().stream()
                    .filter(uri -> uri.startsWith(EXECUTION_URI))
                    .collect(Collectors.toSet());
        }
    }

    /** Opens a stream; its messages end when the returned flux is cancelled. */
    Flux<ObjectNode> open(String environment, JsonNode subscriptionId, Filter filter, ToolSurface tools) {
        var listener = new Listener(
                environment,
                subscriptionId,
                filter,
                tools,
                Sinks.many().unicast().onBackpressureBuffer(),
                new ConcurrentHashMap<>(),
                ConcurrentHashMap.newKeySet());
        listeners.add(listener);
        var followed = filter.taskIds().isEmpty() && listener.executionUris().isEmpty()
                ? Flux.<ObjectNode>empty()
                : Flux.interval(POLL).concatMap(tick -> follow(listener)).thenMany(Flux.<ObjectNode>empty());
        return Flux.merge(listener.sink().asFlux(), followed).doFinally(signal -> listeners.remove(listener));
    }

    /** Announces what changed in the store since the last look, whichever node changed it. */
    private static Mono<Void> follow(Listener listener) {
        var tasks = Flux.fromIterable(listener.filter().taskIds())
                .filter(taskId -> !TERMINAL.contains(listener.taskStatuses().getOrDefault(taskId, "")))
                .concatMap(taskId -> checkTask(listener, taskId));
        var results = Flux.fromIterable(listener.executionUris())
                .filter(uri -> !listener.updatedUris().contains(uri))
                .concatMap(uri -> listener.tools()
                        .readExecution(uri)
                        .doOnNext(view -> view.ifPresent(execution -> {
                            var status = execution.path("status").asString();
                            if (!"queued".equals(status) && !"running".equals(status)) {
                                announceUpdate(listener, uri);
                            }
                        })));
        return Flux.concat(tasks, results)
                .onErrorResume(failure -> Mono.empty())
                .then();
    }

    private static Mono<Void> checkTask(Listener listener, String taskId) {
        return listener.tools()
                .execution(taskId)
                .flatMap(found -> found.map(record -> listener.tools()
                                .taskRequests(taskId)
                                .doOnNext(asked -> announceTask(
                                        listener, taskId, ExecutionTasks.task(record, listener.tools(), asked))))
                        .orElse(Mono.empty()))
                .then();
    }

    private static void announceTask(Listener listener, String taskId, ObjectNode task) {
        synchronized (listener) {
            var status = task.path("status").asString();
            if (!status.equals(listener.taskStatuses().put(taskId, status))) {
                emit(listener, "notifications/tasks", task);
            }
        }
    }

    private static void announceUpdate(Listener listener, String uri) {
        if (listener.updatedUris().add(uri)) {
            emit(
                    listener,
                    "notifications/resources/updated",
                    Json.MAPPER.createObjectNode().put("uri", uri));
        }
    }

    /** A deploy or undeploy changed an environment's tools, prompts and resources: one notice of each asked for. */
    public void deployed(String environment) {
        for (var listener : listeners) {
            if (!listener.environment().equals(environment)) {
                continue;
            }
            if (listener.filter().toolsListChanged()) {
                emit(listener, "notifications/tools/list_changed", Json.MAPPER.createObjectNode());
            }
            if (listener.filter().promptsListChanged()) {
                emit(listener, "notifications/prompts/list_changed", Json.MAPPER.createObjectNode());
            }
            if (listener.filter().resourcesListChanged()) {
                emit(listener, "notifications/resources/list_changed", Json.MAPPER.createObjectNode());
            }
        }
    }

    /** An execution of an environment finished. */
    public void executionFinished(String environment, String executionId, String resourceUri) {
        for (var listener : listeners) {
            if (!listener.environment().equals(environment)) {
                continue;
            }
            if (listener.filter().resourceUris().contains(resourceUri)) {
                announceUpdate(listener, resourceUri);
            }
            if (listener.filter().taskIds().contains(executionId)) {
                checkTask(listener, executionId).subscribe();
            }
        }
    }

    static ObjectNode notification(JsonNode subscriptionId, String method, ObjectNode params) {
        var message = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        var tagged = params.deepCopy();
        tagged.withObjectProperty("_meta").set(SUBSCRIPTION_ID_META, subscriptionId);
        message.set("params", tagged);
        return message;
    }

    private static void emit(Listener listener, String method, ObjectNode params) {
        // Events come from several threads; emissions must not overlap.
        synchronized (listener) {
            listener.sink().tryEmitNext(notification(listener.subscriptionId(), method, params));
        }
    }
}
