package io.actionport.server.health;

import com.github.kagkarlsson.scheduler.SchedulerState;
import io.actionport.server.Blocking;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Whether this node can serve: the store answers a trivial query in time, the durable queue's
 * scheduler runs, and the process has not hit an error it cannot recover from.
 */
public final class Readiness {

    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    /** One check's verdict; {@code detail} says what failed, in words an operator can act on. */
    public record Check(String name, boolean passed, String detail) {}

    /** The verdicts of every check. */
    public record Report(List<Check> checks) {
        public boolean ready() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    private final DataSource store;
    private final Supplier<SchedulerState> queue;
    private final Duration timeout;

    public Readiness(DataSource store, Supplier<SchedulerState> queue, Duration timeout) {
        this.store = store;
        this.queue = queue;
        this.timeout = timeout;
    }

    public Mono<Report> check() {
        return storeCheck().map(store -> new Report(List.of(store, queueCheck(), processCheck())));
    }

    private Mono<Check> storeCheck() {
        return Blocking.call(() -> {
                    try (var connection = store.getConnection();
                            var statement = connection.createStatement()) {
                        statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                        statement.execute("SELECT 1");
                    }
                    return new Check("store", true, "answers");
                })
                .timeout(timeout)
                .onErrorResume(error -> Mono.just(new Check("store", false, storeFailure(error))));
    }

    private String storeFailure(Throwable error) {
        log.warn("Not ready: the store check failed: {}", error.toString());
        if (error instanceof TimeoutException) {
            return "the store did not answer SELECT 1 within " + timeout.toMillis() + " ms";
        }
        // The driver's message may carry a URL or SQL; the operator finds those in the log, not here.
        var kind = error instanceof SQLException
                ? "a database error"
                : error.getClass().getSimpleName();
        return "the store failed SELECT 1 with " + kind + "; see the server log";
    }

    private Check queueCheck() {
        var state = queue.get();
        if (!state.isStarted()) {
            return new Check("queue", false, "the durable queue's scheduler has not started");
        }
        if (state.isShuttingDown()) {
            return new Check("queue", false, "the durable queue's scheduler is shutting down");
        }
        if (state.isPaused()) {
            return new Check("queue", false, "the durable queue's scheduler is paused");
        }
        return new Check("queue", true, "running");
    }

    private static Check processCheck() {
        var fatal = FatalErrors.first();
        return fatal == null
                ? new Check("process", true, "no fatal error")
                : new Check("process", false, "the process hit " + fatal + "; restart it");
    }
}
