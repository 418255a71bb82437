package io.actionport.server.async;

import io.actionport.server.ActionportException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of a node that is stopping: it accepts no new work, lets the executions it runs
 * finish within a grace period, then hands back the idempotent ones and ends the others
 * {@code interrupted}. Queued work stays queued for the next start or another node.
 */
public final class GracefulStop {

    /** How long a refused caller is told to wait before trying again (another node, or this one restarted). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** What a graceful stop did. */
    public record Report(int finished, int handedBack, int interrupted, int stillRunning) {
        @Override
        public String toString() {
            return finished + " finished within the grace period, " + handedBack + " handed back to the queue, "
                    + interrupted + " interrupted" + (stillRunning > 0 ? ", " + stillRunning + " still running" : "");
        }
    }

    private volatile boolean stopping;
    private volatile boolean graceOver;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger handedBack = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();

    /** Throws {@link ShuttingDownException} once the node is stopping. */
    public void checkAccepting() {
        if (stopping) {
            throw new ShuttingDownException();
        }
    }

    /** True once the node refuses new work. */
    public boolean stopping() {
        return stopping;
    }

    /** True once the grace period ran out: running executions are being stopped. */
    boolean graceOver() {
        return graceOver;
    }

    /** A worker took an execution from the queue. */
    void enter() {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    /** A worker is done with an execution, whatever became of it. */
    void exit() {
        lock.lock();
        try {
            inFlight--;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void finishedWhileStopping() {
        finished.incrementAndGet();
    }

    void handedBack() {
        handedBack.incrementAndGet();
    }

    void interrupted() {
        interrupted.incrementAndGet();
    }

    /** Refuses new work from now on. */
    void stopAccepting() {
        stopping = true;
    }

    /** Waits until no worker holds an execution, or {@code wait} passes; true when idle. */
    boolean awaitIdle(Duration wait) {
        long left = wait.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inFlight == 0;
        } finally {
            lock.unlock();
        }
    }

    void endGrace() {
        graceOver = true;
    }

    Report report() {
        lock.lock();
        try {
            return new Report(finished.get(), handedBack.get(), interrupted.get(), inFlight);
        } finally {
            lock.unlock();
        }
    }

    /** The node is stopping and takes no new work; the caller should retry, here after a restart or on another node. */
    public static final class ShuttingDownException extends ActionportException {
        ShuttingDownException() {
            super(
                    "shutting_down",
                    "the server is shutting down and accepts no new executions; retry in " + RETRY_AFTER.toSeconds()
                            + " s (on another node, or once it has restarted)");
        }

        public Duration retryAfter() {
            return RETRY_AFTER;
        }
    }
}
