package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Handles GET: opens the session's listening stream for server-initiated messages. */
final class GetHandler {

    private static final Logger log = LoggerFactory.getLogger(GetHandler.class);

    private final McpJsonMapper jsonMapper;
    private final SessionRegistry sessions;
    private final StreamResponder responder;

    GetHandler(McpJsonMapper jsonMapper, SessionRegistry sessions, StreamResponder responder) {
        this.jsonMapper = jsonMapper;
        this.sessions = sessions;
        this.responder = responder;
    }

    Mono<Void> handle(RequestScope scope) {
        RequestChecks.requireAcceptsEventStream(scope.headers());
        String sessionId = RequestChecks.requireSessionId(scope.headers());
        RequestChecks.requireSupportedProtocolVersion(scope.headers());
        McpStreamableServerSession session = sessions.use(sessionId).orElseThrow(TransportRejection::sessionNotFound);

        SseSessionTransport transport = new SseSessionTransport(sessionId, jsonMapper);
        Flux<OutboundFrame> missed = replay(scope, session, scope.headers().get(HttpHeaders.LAST_EVENT_ID));
        // A newer listening stream replaces this one; the SDK then closes this transport.
        McpStreamableServerSession.McpStreamableServerSessionStream stream = session.listeningStream(transport);
        log.debug("Opened the listening stream of session {}", sessionId);
        return responder.stream(scope.response(), missed, transport).doFinally(signal -> {
            stream.releaseTransport();
            sessions.touch(sessionId);
        });
    }

    /**
     * Resends what the client missed since {@code Last-Event-ID}. Replay is the session's business;
     * SDK 2.1.0 keeps no history yet and replays nothing, but this wiring needs no change when it does.
     */
    private Flux<OutboundFrame> replay(RequestScope scope, McpStreamableServerSession session, String lastEventId) {
        if (lastEventId == null) {
            return Flux.empty();
        }
        return scope.withTransportContext(session.replay(lastEventId))
                .map(message -> OutboundFrame.message(jsonMapper, message, null));
    }
}
