package io.actionport.server.runner;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How one run of an action's code ended. The code runs on the calling thread, which its deadline
 * or a cancel interrupts: a thread of its own would cost a hand-off and a wake-up per call, and
 * would let code that ignores its interrupt go on after its record says it ended. Such code holds
 * the calling thread until it returns, and is timed out all the same.
 */
sealed interface ActionCall {

    /** The code returned {@code output} (which may be null) in time. */
    record Returned(Object output) implements ActionCall {}

    /** The code threw {@code error} in time. */
    record Threw(Throwable error) implements ActionCall {}

    /** The deadline came first. */
    record TimedOut() implements ActionCall {}

    /** A cancel came first, or the calling thread was interrupted from elsewhere. */
    record Cancelled() implements ActionCall {}

    /**
     * Runs {@code code} on this thread until {@code timeout} has passed or {@code cancellation}
     * stops it. The thread's interrupt is cleared before this returns: it is meant for the code
     * alone, and must not reach the writes of the record that follow, since an interrupt can close
     * a database file mid-write.
     */
    static ActionCall run(
            Callable<Object> code, Duration timeout, Cancellation cancellation, ActionDeadlines deadlines) {
        var running = new FutureTask<>(code);
        cancellation.attach(running);
        var timedOut = new AtomicBoolean();
        var deadline = deadlines.after(timeout, () -> {
            timedOut.set(true);
            running.cancel(true);
        });
        running.run();
        deadline.cancel();
        boolean interrupted = Thread.interrupted();
        try {
            return new Returned(running.get());
        } catch (CancellationException e) {
            return timedOut.get() ? new TimedOut() : new Cancelled();
        } catch (ExecutionException e) {
            return interrupted || e.getCause() instanceof InterruptedException
                    ? new Cancelled()
                    : new Threw(e.getCause());
        } catch (InterruptedException e) {
            throw new IllegalStateException("the result of code that has returned cannot be interrupted", e);
        }
    }
}
