package io.actionport.server.mcp.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.util.context.Context;

/**
 * Decides whether one more MCP session may start: at most {@code perOwner} live sessions of one
 * owner (the credential that opened them) and {@code total} in all. One instance is shared by
 * every transport of a server, so the caps hold across environments and integration scopes.
 *
 * <p>The owner travels in the Reactor context of the request: the door that authenticated it
 * writes {@link #owner(String)}; a request without one counts against the owner {@code "anonymous"}.
 */
public final class SessionLimits {

    private static final String OWNER = SessionLimits.class.getName() + ".owner";
    private static final String ANONYMOUS = "anonymous";

    private final int perOwner;
    private final int total;
    private final AtomicInteger live = new AtomicInteger();
    private final Map<String, AtomicInteger> byOwner = new ConcurrentHashMap<>();

    public SessionLimits(int perOwner, int total) {
        if (perOwner <= 0 || total <= 0) {
            throw new IllegalArgumentException("session limits must be positive, were " + perOwner + " and " + total);
        }
        this.perOwner = perOwner;
        this.total = total;
    }

    /** No practical limit, for transports used on their own. */
    public static SessionLimits unlimited() {
        return new SessionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** The Reactor context that names the owner of the sessions a request opens. */
    public static Context owner(String owner) {
        return Context.of(OWNER, owner);
    }

    static String ownerIn(reactor.util.context.ContextView context) {
        return context.getOrDefault(OWNER, ANONYMOUS);
    }

    /** Live sessions in all, for tests and metrics. */
    public int live() {
        return live.get();
    }

    /**
     * Counts a new session in.
     *
     * @throws TransportRejection 429 naming the cap that is full
     */
    void open(String owner) {
        if (live.incrementAndGet() > total) {
            live.decrementAndGet();
            throw TransportRejection.of(
                    429,
                    "Too many MCP sessions: the server holds " + total + " live sessions, its limit; "
                            + "retry later, and end sessions you no longer use with DELETE");
        }
        var mine = byOwner.computeIfAbsent(owner, ignored -> new AtomicInteger());
        if (mine.incrementAndGet() > perOwner) {
            closed(owner);
            throw TransportRejection.of(
                    429,
                    "Too many MCP sessions: this key holds " + perOwner + " live sessions, its limit; "
                            + "end sessions you no longer use with DELETE, or wait for idle ones to expire");
        }
    }

    /** Counts a session out. */
    void closed(String owner) {
        live.decrementAndGet();
        byOwner.computeIfPresent(owner, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
