package io.actionport.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Many callers, one commit: each caller's item waits for a run that started after the caller
 * arrived and took the item with it. While one run goes on, the callers that arrive meanwhile
 * gather in a batch; when the run ends, the first of them runs the next one for the whole batch,
 * which takes newcomers until that run starts. Under load the cost of a run (a flush, a
 * transaction) is shared by every caller of its batch; a lone caller runs at once, without a
 * timer's delay. Waiters park on their batch, not on a shared monitor, so a run's end wakes its
 * callers without a crowd contending for one lock.
 *
 * @param <T> what each caller brings to the run (nothing, for a flush that writes what the callers
 *     committed before)
 */
final class GroupCommit<T> {

    /** Does the work of one batch: all its items, or everything committed before it began. */
    @FunctionalInterface
    interface Run<T> {
        void run(List<T> items);
    }

    /** Callers served by one run; the first of them (its leader) runs it when its turn comes. */
    private static final class Batch<T> {
        final List<T> items = new ArrayList<>();
        final CompletableFuture<Void> turn = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
    }

    private final Run<T> run;
    private final ReentrantLock lock = new ReentrantLock();
    /** Whether a run goes on or is about to; a gathering batch exists only then. */
    private boolean running;
    /**
     * The batch newcomers join: the callers waiting for the run after the current one, open until
     * its leader starts that run; null when none arrived yet or it was closed.
     */
    private Batch<T> gathering;

    private long runs;

    GroupCommit(Run<T> run) {
        this.run = run;
    }

    /**
     * Returns once a run that began after this call, with {@code item} among its items, has ended;
     * throws what that run throws.
     */
    void submit(T item) {
        Batch<T> batch;
        boolean leads;
        boolean waitsForTurn;
        lock.lock();
        try {
            if (!running) {
                running = true;
                batch = new Batch<>();
                leads = true;
                waitsForTurn = false;
            } else if (gathering == null) {
                gathering = new Batch<>();
                batch = gathering;
                leads = true;
                waitsForTurn = true;
            } else {
                batch = gathering;
                leads = false;
                waitsForTurn = false;
            }
            batch.items.add(item);
        } finally {
            lock.unlock();
        }
        if (leads) {
            if (waitsForTurn) {
                batch.turn.join();
                closeGathering();
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

    /**
     * Closes the batch whose turn came (still the gathering one: only its leader closes it), so
     * newcomers from now on wait for the next run. Until then they joined it, also after the run
     * before it ended: a batch holds at most the callers that are not in the run before it, and the
     * few that arrive while its leader wakes up would otherwise wait for a run of their own.
     */
    private void closeGathering() {
        lock.lock();
        try {
            gathering = null;
        } finally {
            lock.unlock();
        }
    }

    /** Runs the batch, then hands the next turn to the batch that gathered meanwhile. */
    private void lead(Batch<T> batch) {
        Throwable failure = null;
        try {
            run.run(batch.items);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        Batch<T> next;
        lock.lock();
        try {
            if (failure == null) {
                runs++;
            }
            next = gathering;
            if (next == null) {
                running = false;
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

    /** How many runs succeeded: fewer than callers when they were grouped. */
    long runs() {
        lock.lock();
        try {
            return runs;
        } finally {
            lock.unlock();
        }
    }
}
