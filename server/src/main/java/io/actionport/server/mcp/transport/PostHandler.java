package io.actionport.server.mcp.transport;

import io.actionport.server.InternalErrors;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpTransportException;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** Handles POST: one JSON-RPC message from the client, which may start a session. */
final class PostHandler {

    private static final Logger log = LoggerFactory.getLogger(PostHandler.class);

    private final McpJsonMapper jsonMapper;
    private final BoundedBodyReader bodyReader;
    private final JsonRpcMessageReader messageReader;
    private final KeptFieldLimits keptFields;
    private final SessionRegistry sessions;
    private final Supplier<McpStreamableServerSession.Factory> sessionFactory;
    private final HttpResponses responses;
    private final StreamResponder responder;
    private final StatelessHandler stateless;

    PostHandler(
            McpJsonMapper jsonMapper,
            int maxBodyBytes,
            KeptFieldLimits keptFields,
            SessionRegistry sessions,
            Supplier<McpStreamableServerSession.Factory> sessionFactory,
            HttpResponses responses,
            StreamResponder responder,
            StatelessHandler stateless) {
        this.jsonMapper = jsonMapper;
        this.bodyReader = new BoundedBodyReader(maxBodyBytes);
        this.messageReader = new JsonRpcMessageReader(jsonMapper);
        this.keptFields = keptFields;
        this.sessions = sessions;
        this.sessionFactory = sessionFactory;
        this.responses = responses;
        this.responder = responder;
        this.stateless = stateless;
    }

    Mono<Void> handle(RequestScope scope) {
        RequestChecks.requireJsonContent(scope.headers());
        return bodyReader.read(scope.request()).flatMap(body -> {
            var checked = messageReader.checkEnvelope(body);
            if (checked instanceof JsonRpcRules.Valid valid) {
                if (stateless != null && ProtocolEras.isStateless(scope.headers(), valid.message())) {
                    return stateless.answer(scope.request(), scope.response(), valid.message());
                }
                checked = JsonRpcRules.checkParams(valid.message());
            }
            RequestChecks.requireAcceptsJsonAndEventStream(scope.headers());
            return route(scope, messageReader.read(checked));
        });
    }

    private Mono<Void> route(RequestScope scope, McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            return initialize(scope, request);
        }
        McpStreamableServerSession session;
        try {
            String sessionId = RequestChecks.requireSessionId(scope.headers());
            RequestChecks.requireSupportedProtocolVersion(scope.headers());
            session = sessions.use(sessionId).orElseThrow(TransportRejection::sessionNotFound);
        } catch (TransportRejection rejection) {
            // The message was read: its refusal answers its id, so the client can match it.
            throw rejection.forRequest(message instanceof McpSchema.JSONRPCRequest request ? request.id() : null);
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            keptFields.checkRequestId(request.id());
            return answer(scope, session, request);
        }
        Mono<Void> accepted = message instanceof McpSchema.JSONRPCResponse response
                ? session.accept(response)
                : session.accept((McpSchema.JSONRPCNotification) message);
        return scope.withTransportContext(accepted)
                // The SDK signals an answer to a request it never sent, for instance, as an McpError.
                .onErrorMap(McpError.class, error -> TransportRejection.invalidRequest(error.getMessage()))
                .then(responses.empty(scope.response(), 202));
    }

    private Mono<Void> initialize(RequestScope scope, McpSchema.JSONRPCRequest request) {
        McpStreamableServerSession.Factory factory = sessionFactory.get();
        if (factory == null) {
            throw TransportRejection.of(503, "Service Unavailable: no MCP server is attached to this transport");
        }
        McpSchema.InitializeRequest initializeRequest;
        try {
            initializeRequest = jsonMapper.convertValue(request.params(), McpSchema.InitializeRequest.class);
        } catch (IllegalArgumentException e) {
            throw TransportRejection.invalidParams("Invalid params: malformed initialize request");
        }
        keptFields.checkInitialize(request, initializeRequest, jsonMapper);
        return Mono.deferContextual(
                context -> start(scope, request, factory, initializeRequest, SessionLimits.ownerIn(context)));
    }

    private Mono<Void> start(
            RequestScope scope,
            McpSchema.JSONRPCRequest request,
            McpStreamableServerSession.Factory factory,
            McpSchema.InitializeRequest initializeRequest,
            String owner) {
        sessions.reserve(owner);
        McpStreamableServerSession.McpStreamableServerSessionInit init;
        try {
            init = factory.startSession(initializeRequest);
        } catch (RuntimeException e) {
            sessions.cancelReservation(owner);
            throw e;
        }
        String sessionId = init.session().getId();
        sessions.add(init.session(), owner);
        log.debug("Started MCP session {}", sessionId);
        return scope.withTransportContext(init.initResult())
                .map(result -> McpSchema.JSONRPCResponse.result(request.id(), result))
                .flatMap(result ->
                        responses.json(scope.response().header(HttpHeaders.MCP_SESSION_ID, sessionId), 200, result))
                .doOnError(error -> sessions.remove(sessionId).ifPresent(McpStreamableServerSession::close));
    }

    /**
     * Runs the request's handler apart from the HTTP write: the specification says a dropped
     * connection is not a cancellation, so the work goes on and its late messages are discarded.
     */
    private Mono<Void> answer(
            RequestScope scope, McpStreamableServerSession session, McpSchema.JSONRPCRequest request) {
        SseSessionTransport transport = new SseSessionTransport(session.getId(), jsonMapper);
        McpStreamableServerSession.McpStreamableServerSessionStream stream = session.responseStream(transport);
        scope.withTransportContext(Mono.defer(() -> stream.handle(request)))
                .onErrorResume(
                        error -> !(error instanceof McpTransportException),
                        error -> answerFailure(transport, request, error))
                .subscribe(null, error -> logFailure(request, session, error));
        return responder.answer(scope.response(), transport).doFinally(signal -> {
            stream.releaseTransport();
            sessions.touch(session.getId());
        });
    }

    /** A handler that failed outside its own error handling still answers the request, with an error id. */
    private static Mono<Void> answerFailure(
            SseSessionTransport transport, McpSchema.JSONRPCRequest request, Throwable error) {
        var report = InternalErrors.report("MCP " + request.method(), error);
        return transport
                .sendMessage(McpSchema.JSONRPCResponse.error(
                        request.id(),
                        new McpSchema.JSONRPCResponse.JSONRPCError(
                                McpSchema.ErrorCodes.INTERNAL_ERROR,
                                "Internal error: " + report.message(),
                                Map.of("error_id", report.errorId()))))
                .then(transport.closeGracefully());
    }

    private static void logFailure(
            McpSchema.JSONRPCRequest request, McpStreamableServerSession session, Throwable error) {
        if (error instanceof McpTransportException) {
            // The client left before the answer; that is its choice, not a server fault.
            log.debug(
                    "Could not deliver the answer to {} in session {}: {}",
                    request.method(),
                    session.getId(),
                    error.getMessage());
        } else {
            log.warn("Handling {} in session {} failed", request.method(), session.getId(), error);
        }
    }
}
