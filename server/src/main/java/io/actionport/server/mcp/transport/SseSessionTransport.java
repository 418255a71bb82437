package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpTransportException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * The SDK's view of one HTTP response stream: messages the session sends are queued as frames
 * until the HTTP layer writes them.
 *
 * <p>The queue decouples the session, which may send from any thread, from Netty's write path, and
 * keeps messages sent before the response is subscribed. Keep-alive pings join the same queue, so
 * a stream is one queue and one subscriber, with no operator merging timers per request.
 */
final class SseSessionTransport implements McpStreamableServerTransport {

    private static final Logger log = LoggerFactory.getLogger(SseSessionTransport.class);

    private final String sessionId;
    private final McpJsonMapper jsonMapper;
    private final Sinks.Many<OutboundFrame> frames = Sinks.many()
            .unicast()
            .onBackpressureBuffer(Queues.<OutboundFrame>unbounded().get(), this::stopPings);
    private boolean closed; // guarded by this
    private Disposable pings; // guarded by this

    SseSessionTransport(String sessionId, McpJsonMapper jsonMapper) {
        this.sessionId = sessionId;
        this.jsonMapper = jsonMapper;
    }

    /** The frames to write; completes when the transport is closed. Subscribe once. */
    Flux<OutboundFrame> frames() {
        return frames.asFlux();
    }

    /**
     * Queues a keep-alive ping every {@code interval} until the stream ends, however it ends: closed
     * by the session, completed, or cancelled by a client that left.
     */
    void pingEvery(Duration interval, Scheduler scheduler) {
        long millis = interval.toMillis();
        Disposable scheduled = scheduler.schedulePeriodically(this::ping, millis, millis, TimeUnit.MILLISECONDS);
        boolean stopNow;
        synchronized (this) {
            stopNow = closed;
            if (!stopNow) {
                pings = scheduled;
            }
        }
        if (stopNow) {
            scheduled.dispose();
        }
    }

    private void ping() {
        emit(OutboundFrame.KeepAlive.INSTANCE);
    }

    private void stopPings() {
        Disposable scheduled;
        synchronized (this) {
            scheduled = pings;
            pings = null;
        }
        if (scheduled != null) {
            scheduled.dispose();
        }
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.defer(() -> emit(OutboundFrame.message(jsonMapper, OutboundErrors.clean(message), messageId)));
    }

    // Serialized because a unicast sink rejects concurrent emissions rather than queueing them.
    private synchronized Mono<Void> emit(OutboundFrame frame) {
        if (closed) {
            // As the SDK's servlet transport does: a late message to a finished stream is dropped.
            log.debug("Dropped a message for the closed stream of session {}", sessionId);
            return Mono.empty();
        }
        Sinks.EmitResult result = frames.tryEmitNext(frame);
        if (result.isFailure()) {
            closed = true;
            return Mono.error(new McpTransportException(
                    "The stream of session " + sessionId + " is no longer connected (" + result + ")"));
        }
        return Mono.empty();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return jsonMapper.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            frames.tryEmitComplete();
        }
    }
}
