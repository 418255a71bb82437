package io.actionport.server.store;

/**
 * Many commits, one flush: a caller whose transaction has committed waits until a flush that
 * started after its commit has ended. While one flush runs, the callers that arrive meanwhile
 * gather, and the next flush serves all of them, so under load the cost of a flush is shared by
 * every commit of its batch, and with one caller it is paid at once, without a timer's delay.
 */
final class GroupCommit {

    /** Writes every commit made so far to disk. */
    @FunctionalInterface
    interface Flush {
        void run();
    }

    private final Flush flush;
    private long requested;
    private long flushed;
    private boolean flushing;
    private long flushes;

    GroupCommit(Flush flush) {
        this.flush = flush;
    }

    /** Returns once everything this thread committed before the call is on disk; throws what the flush throws. */
    void awaitDurable() {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        while (true) {
            long target;
            synchronized (this) {
                while (flushing && flushed < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the store to flush", e);
                    }
                }
                if (flushed >= ticket) {
                    return;
                }
                // This caller leads the next flush, for every ticket handed out so far.
                flushing = true;
                target = requested;
            }
            boolean done = false;
            try {
                flush.run();
                done = true;
            } finally {
                synchronized (this) {
                    flushing = false;
                    if (done) {
                        flushed = Math.max(flushed, target);
                        flushes++;
                    }
                    notifyAll();
                }
            }
        }
    }

    /** How many flushes ran: fewer than callers when commits were grouped. */
    synchronized long flushes() {
        return flushes;
    }
}
