package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The live MCP sessions by id, with the time each was last used by its client. */
final class SessionRegistry {

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SessionLimits limits;

    SessionRegistry(Clock clock, SessionLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Counts a session of {@code owner} in before it is created.
     *
     * @throws TransportRejection when the owner or the server holds as many sessions as allowed
     */
    void reserve(String owner) {
        limits.open(owner);
    }

    /** Gives back a reservation whose session was never added. */
    void cancelReservation(String owner) {
        limits.closed(owner);
    }

    /** Adds a session reserved for {@code owner}; removing it gives the reservation back. */
    void add(McpStreamableServerSession session, String owner) {
        sessions.put(session.getId(), new Entry(session, owner, clock.millis()));
    }

    /** Finds a session for a client request, which counts as activity. */
    Optional<McpStreamableServerSession> use(String sessionId) {
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return Optional.empty();
        }
        entry.lastActive = clock.millis();
        return Optional.of(entry.session);
    }

    /** Finds a session for a server-initiated message, which does not keep it alive. */
    Optional<McpStreamableServerSession> peek(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(entry -> entry.session);
    }

    void touch(String sessionId) {
        use(sessionId);
    }

    Optional<McpStreamableServerSession> remove(String sessionId) {
        return Optional.ofNullable(sessions.remove(sessionId)).map(this::released);
    }

    private McpStreamableServerSession released(Entry entry) {
        limits.closed(entry.owner);
        return entry.session;
    }

    List<McpStreamableServerSession> all() {
        return sessions.values().stream().map(entry -> entry.session).toList();
    }

    List<McpStreamableServerSession> removeAll() {
        List<McpStreamableServerSession> removed = new ArrayList<>();
        sessions.keySet().forEach(id -> remove(id).ifPresent(removed::add));
        return removed;
    }

    /**
     * Removes the sessions unused for at least {@code idleTimeout}.
     *
     * <p>A session with an open stream is in use even when the client sends nothing: it is waiting
     * for a tool result or listening for notifications.
     */
    List<McpStreamableServerSession> removeIdle(Duration idleTimeout) {
        long now = clock.millis();
        List<McpStreamableServerSession> removed = new ArrayList<>();
        sessions.forEach((id, entry) -> {
            boolean idle = !entry.session.hasOpenStream() && now - entry.lastActive >= idleTimeout.toMillis();
            if (idle && sessions.remove(id, entry)) {
                removed.add(released(entry));
            }
        });
        return removed;
    }

    int size() {
        return sessions.size();
    }

    private static final class Entry {

        private final McpStreamableServerSession session;
        private final String owner;
        private volatile long lastActive;

        private Entry(McpStreamableServerSession session, String owner, long lastActive) {
            this.session = session;
            this.owner = owner;
            this.lastActive = lastActive;
        }
    }
}
