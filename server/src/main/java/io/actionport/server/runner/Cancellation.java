package io.actionport.server.runner;

import java.util.concurrent.Future;

/**
 * Lets a caller stop an execution. Only the action is interrupted, never the writes of its record,
 * since an interrupt can close a database file channel mid-write: the runner clears its thread's
 * interrupt once the action has returned, before it writes anything.
 */
public final class Cancellation {

    private Future<?> running;
    private boolean cancelled;

    public synchronized void attach(Future<?> future) {
        running = future;
        if (cancelled) {
            future.cancel(true);
        }
    }

    /** Whether {@link #cancel} was called. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    public synchronized void cancel() {
        cancelled = true;
        if (running != null) {
            running.cancel(true);
        }
    }
}
