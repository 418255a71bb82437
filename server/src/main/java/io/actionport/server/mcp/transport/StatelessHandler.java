package io.actionport.server.mcp.transport;

import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Answers a POST of the stateless protocol era (2026-07-28 onwards), which needs no session: the
 * transport has admitted the request (Origin, Host, body size) and found it well-formed JSON-RPC.
 */
@FunctionalInterface
public interface StatelessHandler {

    /** Answers {@code message}, a JSON-RPC request or notification read from the request's body. */
    Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, Map<?, ?> message);
}
