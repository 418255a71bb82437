package io.actionport.server.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Many commits, one flush: a caller whose transaction has committed waits until a flush that
 * started after its commit has ended. While one flush runs, the callers that arrive meanwhile
 * gather in a batch; when the flush ends, the first of them runs the next flush for the whole
 * batch. Under load the cost of a flush is shared by every commit of its batch; a lone caller
 * flushes at once, without a timer's delay. Waiters park on their batch, not on a shared monitor,
 * so a flush's end wakes its callers without a crowd contending for one lock.
 */
final class GroupCommit {

    /** Writes every commit made so far to disk. */
    @FunctionalInterface
    interface Flush {
        void run();
    }

    /** Callers served by one flush; the first of them (its leader) runs it when its turn comes. */
    private static final class Batch {
        final CompletableFuture<Void> turn = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
    }

    private final Flush flush;
    private final ReentrantLock lock = new ReentrantLock();
    /** Whether a flush runs or is about to; a gathering batch exists only then. */
    private boolean flushing;
    /** The callers waiting for the flush after the running one, or null when none arrived yet. */
    private Batch gathering;

    private long flushes;

    GroupCommit(Flush flush) {
        this.flush = flush;
    }

    /** Returns once everything this thread committed before the call is on disk; throws what the flush throws. */
    void awaitDurable() {
        Batch batch;
        boolean leads;
        boolean waitsForTurn;
        lock.lock();
        try {
            if (!flushing) {
                flushing = true;
                batch = new Batch();
                leads = true;
                waitsForTurn = false;
            } else if (gathering == null) {
                gathering = new Batch();
                batch = gathering;
                leads = true;
                waitsForTurn = true;
            } else {
                batch = gathering;
                leads = false;
                waitsForTurn = false;
            }
        } finally {
            lock.unlock();
        }
        if (leads) {
            if (waitsForTurn) {
                batch.turn.join();
            }
            lead(batch);
        }
        try {
            batch.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Runs the batch's flush, then hands the next turn to the batch that gathered meanwhile. */
    private void lead(Batch batch) {
        Throwable failure = null;
        try {
            flush.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        Batch next;
        lock.lock();
        try {
            if (failure == null) {
                flushes++;
            }
            next = gathering;
            gathering = null;
            if (next == null) {
                flushing = false;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            next.turn.complete(null);
        }
        if (failure == null) {
            batch.done.complete(null);
        } else {
            batch.done.completeExceptionally(failure);
        }
    }

    /** How many flushes ran: fewer than callers when commits were grouped. */
    long flushes() {
        lock.lock();
        try {
            return flushes;
        } finally {
            lock.unlock();
        }
    }
}
