package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** Handles DELETE: the client ends its session. */
final class DeleteHandler {

    private static final Logger log = LoggerFactory.getLogger(DeleteHandler.class);

    private final SessionRegistry sessions;
    private final HttpResponses responses;

    DeleteHandler(SessionRegistry sessions, HttpResponses responses) {
        this.sessions = sessions;
        this.responses = responses;
    }

    Mono<Void> handle(RequestScope scope) {
        String sessionId = RequestChecks.requireSessionId(scope.headers());
        RequestChecks.requireSupportedProtocolVersion(scope.headers());
        // Removed before closing, so that requests racing with the close already get 404.
        McpStreamableServerSession session =
                sessions.remove(sessionId).orElseThrow(TransportRejection::sessionNotFound);
        log.debug("Client ended MCP session {}", sessionId);
        return scope.withTransportContext(session.delete()).then(responses.empty(scope.response(), 204));
    }
}
