package io.actionport.server.http;

import java.time.Clock;
import reactor.netty.http.server.HttpServer;

/**
 * Puts the {@link DoorLimits} on the HTTP port: the idle timeout and header sizes through Reactor
 * Netty, the connection caps and the header and body clocks through the {@link ConnectionGuard}.
 *
 * <p>Reactor Netty's idle timeout runs only while a connection waits for a request, and the
 * guard's clocks only while a request is read, so none of them cuts a long response such as an
 * MCP SSE stream. Reactor Netty's own body timeouts are not used: they surface as errors inside
 * the handlers, where the guard's simply closes the connection.
 */
public final class HttpServerLimits {

    private HttpServerLimits() {}

    public static HttpServer apply(HttpServer server, DoorLimits limits, Clock clock) {
        var guard = new ConnectionGuard(limits, new DroppedConnectionLog(limits.dropLogInterval(), clock));
        return server.idleTimeout(limits.idleTimeout())
                .httpRequestDecoder(decoder -> decoder.maxHeaderSize(limits.maxHeaderBytes())
                        .maxInitialLineLength(limits.maxRequestLineBytes()))
                .doOnChannelInit(guard::install);
    }
}
