package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The Reactor Netty handler of the MCP endpoint: admits a request (shutdown, Origin and Host, gate),
 * hands it to the handler for its method and turns any failure into an HTTP error.
 */
final class EndpointHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    private static final Logger log = LoggerFactory.getLogger(EndpointHandler.class);

    private final BooleanSupplier closing;
    private final OriginHostPolicy originHostPolicy;
    private final McpRequestGate gate;
    private final McpTransportContextExtractor<HttpServerRequest> contextExtractor;
    private final HttpResponses responses;
    private final PostHandler post;
    private final GetHandler get;
    private final DeleteHandler delete;

    EndpointHandler(
            BooleanSupplier closing,
            OriginHostPolicy originHostPolicy,
            McpRequestGate gate,
            McpTransportContextExtractor<HttpServerRequest> contextExtractor,
            HttpResponses responses,
            PostHandler post,
            GetHandler get,
            DeleteHandler delete) {
        this.closing = closing;
        this.originHostPolicy = originHostPolicy;
        this.gate = gate;
        this.contextExtractor = contextExtractor;
        this.responses = responses;
        this.post = post;
        this.get = get;
        this.delete = delete;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        return Mono.defer(() -> admit(request))
                .flatMap(context -> dispatch(new RequestScope(request, response, context)))
                .onErrorResume(error -> fail(request, response, error));
    }

    private Mono<McpTransportContext> admit(HttpServerRequest request) {
        if (closing.getAsBoolean()) {
            throw TransportRejection.of(503, "Service Unavailable: the MCP transport is shutting down");
        }
        originHostPolicy.check(request.requestHeaders());
        return gate.check(request)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("The request gate gave no decision")))
                .map(decision -> switch (decision) {
                    case GateDecision.Allow allow ->
                        LayeredTransportContext.of(allow.attributes(), contextExtractor.extract(request));
                    case GateDecision.Reject reject -> throw TransportRejection.fromGate(reject);
                });
    }

    private Mono<Void> dispatch(RequestScope scope) {
        return switch (scope.request().method().name()) {
            case "POST" -> post.handle(scope);
            case "GET" -> get.handle(scope);
            case "DELETE" -> delete.handle(scope);
            default -> Mono.error(TransportRejection.methodNotAllowed());
        };
    }

    private Mono<Void> fail(HttpServerRequest request, HttpServerResponse response, Throwable error) {
        if (error instanceof TransportRejection rejection) {
            log.debug(
                    "Refused {} {}: {} {}",
                    request.method(),
                    request.uri(),
                    rejection.status(),
                    rejection.getMessage());
        } else if (error instanceof AbortedException || AbortedException.isConnectionReset(error)) {
            log.debug("Client went away during {} {}", request.method(), request.uri());
            return Mono.empty();
        } else {
            // The details stay in the log: a response body must not reveal internals.
            log.warn("Failed to handle {} {}", request.method(), request.uri(), error);
        }
        if (response.hasSentHeaders()) {
            return Mono.empty(); // Too late for an error status; the stream just ends.
        }
        TransportRejection rejection =
                error instanceof TransportRejection known ? known : TransportRejection.internalError();
        return responses.error(response, rejection);
    }
}
