package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Periodically closes and forgets sessions whose clients went away without a DELETE. */
final class IdleSessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(IdleSessionSweeper.class);
    private static final Duration MIN_PERIOD = Duration.ofMillis(1);
    private static final Duration MAX_PERIOD = Duration.ofMinutes(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private IdleSessionSweeper() {}

    /**
     * Starts sweeping.
     *
     * <p>Sweeping every half timeout bounds how long past its timeout an idle session lingers, while
     * the one-minute cap keeps that bound small for long timeouts too.
     *
     * @return the handle that stops the sweeps
     */
    static Disposable start(SessionRegistry sessions, Duration idleTimeout, Scheduler scheduler) {
        Duration period = periodFor(idleTimeout);
        return Flux.interval(period, period, scheduler)
                // A sweep slower than the period skips ticks instead of piling them up.
                .onBackpressureDrop()
                .concatMap(tick -> sweep(sessions, idleTimeout, scheduler), 1)
                .subscribe(null, error -> log.error("Idle session sweeping stopped", error));
    }

    static Duration periodFor(Duration idleTimeout) {
        Duration half = idleTimeout.dividedBy(2);
        if (half.compareTo(MAX_PERIOD) > 0) {
            return MAX_PERIOD;
        }
        return half.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : half;
    }

    private static Mono<Void> sweep(SessionRegistry sessions, Duration idleTimeout, Scheduler scheduler) {
        return Flux.fromIterable(sessions.removeIdle(idleTimeout))
                .flatMap(session -> close(session, scheduler))
                .then();
    }

    private static Mono<Void> close(McpStreamableServerSession session, Scheduler scheduler) {
        log.debug("Closing idle MCP session {}", session.getId());
        return session.closeGracefully().timeout(CLOSE_TIMEOUT, scheduler).onErrorResume(error -> {
            log.warn("Failed to close idle MCP session {}: {}", session.getId(), error.toString());
            return Mono.empty();
        });
    }
}
