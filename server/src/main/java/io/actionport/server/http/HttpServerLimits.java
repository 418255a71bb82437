package io.actionport.server.http;

import java.time.Clock;
import reactor.netty.http.server.HttpServer;

/**
 * Puts the {@link DoorLimits} on the HTTP port: header, body and idle timeouts, header sizes, and
 * the {@link ConnectionGuard}'s connection caps.
 *
 * <p>Reactor Netty's read and request timeouts run only while a request body is read, and its idle
 * timeout only while a connection waits for a request, so none of them cuts a long response such
 * as an MCP SSE stream.
 */
public final class HttpServerLimits {

    private HttpServerLimits() {}

    public static HttpServer apply(HttpServer server, DoorLimits limits, Clock clock) {
        var guard = new ConnectionGuard(limits, new DroppedConnectionLog(limits.dropLogInterval(), clock));
        return server.idleTimeout(limits.idleTimeout())
                .readTimeout(limits.bodyReadTimeout())
                .requestTimeout(limits.bodyTimeout())
                .httpRequestDecoder(decoder -> decoder.maxHeaderSize(limits.maxHeaderBytes())
                        .maxInitialLineLength(limits.maxRequestLineBytes()))
                .doOnChannelInit(guard::install);
    }
}
