package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.common.McpTransportContext;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One admitted HTTP exchange with the transport context its MCP handlers will see.
 *
 * @param transportContext what the context extractor and the gate provided for this request
 */
record RequestScope(HttpServerRequest request, HttpServerResponse response, McpTransportContext transportContext) {

    HttpHeaders headers() {
        return request.requestHeaders();
    }

    /** Makes the transport context readable by SDK handlers, which look it up in the Reactor context. */
    <T> Mono<T> withTransportContext(Mono<T> work) {
        return work.contextWrite(context -> context.put(McpTransportContext.KEY, transportContext));
    }

    <T> Flux<T> withTransportContext(Flux<T> work) {
        return work.contextWrite(context -> context.put(McpTransportContext.KEY, transportContext));
    }
}
