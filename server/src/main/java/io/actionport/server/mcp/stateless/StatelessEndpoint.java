package io.actionport.server.mcp.stateless;

import io.actionport.server.mcp.transport.StatelessHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stateless era over Streamable HTTP: checks a POST's headers and envelope, then answers with
 * JSON, or with an SSE stream when progress precedes a tool's result or for a listen stream.
 */
public final class StatelessEndpoint implements StatelessHandler {

    static final String CONNECTION_HEADER = "Connection-Id";
    static final String END_USER_HEADER = "End-User-Id";
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final StatelessDispatcher dispatcher;

    public StatelessEndpoint(StatelessDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, Map<?, ?> message) {
        StatelessRequest checked;
        try {
            checked = StatelessRequest.of(request.requestHeaders(), message);
        } catch (StatelessError e) {
            return write(response, StatelessDispatcher.refusal(message.get("id"), e));
        }
        if (checked.isNotification()) {
            // Client notifications need nothing from a stateless server (cancelling is closing the stream).
            return response.status(202).send();
        }
        if (request.requestHeaders().contains(END_USER_HEADER)) {
            // Never act for nobody when a backend named an end user: refuse until this era carries it.
            return write(
                    response,
                    StatelessDispatcher.refusal(
                            message.get("id"),
                            StatelessError.invalidEnvelope(END_USER_HEADER
                                    + " is honoured on session (2025-11-25) requests and for OAuth tokens; a"
                                    + " stateless request acts for its token's subject only")));
        }
        var connectionId = request.requestHeaders().get(CONNECTION_HEADER);
        return dispatcher
                .reply(checked, connectionId == null ? null : connectionId.trim())
                .flatMap(reply -> write(response, reply));
    }

    private static Mono<Void> write(HttpServerResponse response, StatelessDispatcher.Reply reply) {
        return switch (reply) {
            case StatelessDispatcher.Reply.Single single ->
                response.status(single.status())
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .sendString(Mono.just(single.message().toString()))
                        .then();
            case StatelessDispatcher.Reply.Stream stream -> sse(response, stream.messages());
        };
    }

    private static Mono<Void> sse(HttpServerResponse response, Flux<ObjectNode> messages) {
        var keepAlive = Flux.interval(KEEP_ALIVE, KEEP_ALIVE).map(tick -> ": keep-alive\n\n");
        var events = messages.map(message -> "event: message\ndata: " + message + "\n\n");
        return response.status(200)
                .sse()
                .header(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .header("X-Accel-Buffering", "no")
                .sendString(
                        events.publish(shared -> Flux.merge(shared, keepAlive.takeUntilOther(shared.ignoreElements()))))
                .then();
    }
}
