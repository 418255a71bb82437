package io.actionport.server.runner;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stops actions that outlive their timeout, from one timer wheel for all of them: a timed wait or
 * a timer of the JDK's on a virtual thread costs two wake-ups of the JDK's delay scheduler thread
 * (one to arm it, one to cancel it), an eighth of the server's CPU per call when measured under
 * load on one CPU. The wheel ticks every 10 ms, so an action is stopped at most a tick after its
 * deadline.
 */
final class ActionDeadlines implements AutoCloseable {

    private final HashedWheelTimer wheel =
            new HashedWheelTimer(new DefaultThreadFactory("action-deadlines", true), 10, TimeUnit.MILLISECONDS, 512);

    /** Runs {@code expired} once {@code timeout} has passed, unless the returned handle is cancelled first. */
    Timeout after(Duration timeout, Runnable expired) {
        return wheel.newTimeout(ignored -> expired.run(), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        wheel.stop();
    }
}
