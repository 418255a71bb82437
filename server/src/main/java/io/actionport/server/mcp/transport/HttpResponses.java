package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Writes the transport's non-streaming responses: JSON bodies, JSON-RPC errors and empty ones. */
final class HttpResponses {

    static final String APPLICATION_JSON = "application/json";

    private final McpJsonMapper jsonMapper;

    HttpResponses(McpJsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * Answers with the rejection's status and a JSON-RPC error object. Its id is the request's when
     * it could be read, else null, as JSON-RPC prescribes.
     */
    Mono<Void> error(HttpServerResponse response, TransportRejection rejection) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", rejection.code());
        error.put("message", rejection.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        body.put("id", rejection.id());
        body.put("error", error);
        rejection.headers().forEach(response::header);
        return json(response, rejection.status(), body);
    }

    Mono<Void> json(HttpServerResponse response, int status, Object body) {
        return Mono.fromCallable(() -> jsonMapper.writeValueAsString(body))
                .flatMap(json -> json(response, status, json));
    }

    Mono<Void> json(HttpServerResponse response, int status, String json) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
                .sendString(Mono.just(json))
                .then();
    }

    Mono<Void> empty(HttpServerResponse response, int status) {
        return response.status(status).send();
    }
}
