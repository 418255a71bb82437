package io.actionport.server.mcp.transport;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Decides, before any MCP processing, whether an HTTP request to the MCP endpoint may go on.
 *
 * <p>This is the hook for authentication: the gate sees the raw request (headers, remote address)
 * and answers with a {@link GateDecision}. It runs after the Origin and Host checks, for every
 * POST, GET and DELETE, so a session id alone never grants access. It is called on a Netty event
 * loop and must not block; do any I/O (token introspection, database look-ups) reactively.
 */
@FunctionalInterface
public interface McpRequestGate {

    /** A gate that lets every request through. */
    McpRequestGate ALLOW_ALL = request -> Mono.just(GateDecision.allow());

    /**
     * Decides on one request.
     *
     * @param request the incoming request; its body must not be consumed
     * @return exactly one decision; an empty or failed {@code Mono} is answered with 500, so a
     *     faulty gate never lets a request through
     */
    Mono<GateDecision> check(HttpServerRequest request);
}
