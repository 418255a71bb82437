package io.actionport.server.mcp.stateless;

import io.actionport.server.store.Json;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open {@code subscriptions/listen} streams of this node and what each asked to hear: tool,
 * prompt and resource list changes of its environment, updates of execution result resources, and task status.
 * Each message is tagged with the listen request's id as {@code subscriptionId}.
 */
public final class ListenStreams {

    static final String SUBSCRIPTION_ID_META = "io.modelcontextprotocol/subscriptionId";

    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

    /** What one stream listens to. */
    record Filter(
            boolean toolsListChanged,
            boolean promptsListChanged,
            boolean resourcesListChanged,
            Set<String> resourceUris,
            Set<String> taskIds) {}

    private record Listener(
            String environment,
            JsonNode subscriptionId,
            Filter filter,
            ToolSurface tools,
            Sinks.Many<ObjectNode> sink) {}

    /** Opens a stream; its messages end when the returned flux is cancelled. */
    Flux<ObjectNode> open(String environment, JsonNode subscriptionId, Filter filter, ToolSurface tools) {
        var listener = new Listener(
                environment,
                subscriptionId,
                filter,
                tools,
                Sinks.many().unicast().onBackpressureBuffer());
        listeners.add(listener);
        return listener.sink().asFlux().doFinally(signal -> listeners.remove(listener));
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
                emit(
                        listener,
                        "notifications/resources/updated",
                        Json.MAPPER.createObjectNode().put("uri", resourceUri));
            }
            if (listener.filter().taskIds().contains(executionId)) {
                listener.tools()
                        .execution(executionId)
                        .subscribe(found -> found.ifPresent(record -> emit(
                                listener,
                                "notifications/tasks",
                                ExecutionTasks.task(record, listener.tools(), java.util.List.of()))));
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
