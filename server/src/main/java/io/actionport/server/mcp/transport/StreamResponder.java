package io.actionport.server.mcp.transport;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerResponse;

/** Writes a stream of frames to an HTTP response, as JSON or as Server-Sent Events. */
final class StreamResponder {

    private final HttpResponses responses;
    private final Duration keepAliveInterval;
    private final Scheduler scheduler;

    /**
     * @param keepAliveInterval how often an idle stream gets a ping comment, or {@code null} for never
     * @param scheduler the timer for the pings
     */
    StreamResponder(HttpResponses responses, Duration keepAliveInterval, Scheduler scheduler) {
        this.responses = responses;
        this.keepAliveInterval = keepAliveInterval;
        this.scheduler = scheduler;
    }

    /**
     * Answers a POSTed JSON-RPC request.
     *
     * <p>When the response is the first frame, it goes out as a plain {@code application/json} body,
     * which every client handles and which costs no stream. Otherwise (a notification or a
     * server-to-client request came first, or a keep-alive fell due while the handler was still
     * working) the answer becomes an SSE stream that carries everything, ending with the response.
     */
    Mono<Void> answer(HttpServerResponse response, SseSessionTransport transport) {
        return withKeepAlive(transport)
                .frames()
                .switchOnFirst(
                        (first, all) -> first.get() instanceof OutboundFrame.Message message && message.response()
                                ? responses.json(response, 200, message.json())
                                : sse(response, all))
                .then();
    }

    /**
     * Opens an SSE stream at once, so the client knows it is listening before any event arrives.
     * The frames the client missed go first, then the transport's.
     */
    Mono<Void> stream(HttpServerResponse response, Flux<OutboundFrame> missed, SseSessionTransport transport) {
        Flux<OutboundFrame> frames = missed.concatWith(withKeepAlive(transport).frames());
        return eventStreamHeaders(response)
                .sendHeaders()
                .sendString(frames.map(OutboundFrame::toSse))
                .then();
    }

    private Mono<Void> sse(HttpServerResponse response, Flux<OutboundFrame> frames) {
        return eventStreamHeaders(response)
                .sendString(frames.map(OutboundFrame::toSse))
                .then();
    }

    private static HttpServerResponse eventStreamHeaders(HttpServerResponse response) {
        return response.status(200).sse().header(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
    }

    private SseSessionTransport withKeepAlive(SseSessionTransport transport) {
        if (keepAliveInterval != null) {
            transport.pingEvery(keepAliveInterval, scheduler);
        }
        return transport;
    }
}
