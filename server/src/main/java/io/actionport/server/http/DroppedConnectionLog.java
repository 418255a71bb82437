package io.actionport.server.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about connections the server drops, at most once per reason in an interval, with the
 * number kept quiet since: twenty thousand slow clients make one line a minute, not a flood that
 * buries everything else.
 */
public final class DroppedConnectionLog {

    private static final Logger log = LoggerFactory.getLogger(DroppedConnectionLog.class);

    private final Duration interval;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public DroppedConnectionLog(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** Records one dropped connection; {@code client} is its address, logged with the first of a window. */
    public void dropped(String reason, Object client) {
        var window = windows.computeIfAbsent(reason, ignored -> new Window());
        long now = clock.millis();
        long suppressed;
        synchronized (window) {
            if (window.lastLogged != Long.MIN_VALUE && now - window.lastLogged < interval.toMillis()) {
                window.suppressed++;
                return;
            }
            suppressed = window.suppressed;
            window.suppressed = 0;
            window.lastLogged = now;
        }
        if (suppressed == 0) {
            log.warn("Dropped a connection from {}: {}", client, reason);
        } else {
            log.warn(
                    "Dropped a connection from {}: {} ({} more dropped for this reason in the last {} s were not logged)",
                    client,
                    reason,
                    suppressed,
                    interval.toSeconds());
        }
    }

    private static final class Window {
        private long lastLogged = Long.MIN_VALUE;
        private long suppressed;
    }
}
