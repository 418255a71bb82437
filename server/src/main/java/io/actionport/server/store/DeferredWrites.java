package io.actionport.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that need not be done before their caller goes on: the caller hands its item over and
 * returns, and one writer thread writes whatever gathered while it wrote the batch before, as one
 * batch. Under load many items share one transaction, off their callers' threads. A caller waits
 * only while {@value #CAPACITY} items are still unwritten. A reader that must see every item handed
 * over before it calls {@link #awaitWritten()} first.
 *
 * @param <T> one item to write
 */
final class DeferredWrites<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeferredWrites.class);
    private static final int CAPACITY = 4096;
    private static final int MAX_BATCH = 256;
    /** Tells the writer to end once everything handed over before it is written. */
    private static final Object STOP = new Object();

    private final String name;
    private final Consumer<List<T>> write;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY + 1);
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the writer wrote a batch, or when closing began. */
    private final Condition progress = lock.newCondition();

    // Guarded by lock:
    private long handedOver;
    /** Items written (or whose write failed), in the order they were handed over. */
    private long written;

    private Thread writer;
    private boolean closed;

    /**
     * @param name the writer thread's name
     * @param write writes one batch; what it throws, even an error, is logged and the batch counted as done
     */
    DeferredWrites(String name, Consumer<List<T>> write) {
        this.name = name;
        this.write = write;
    }

    /**
     * Hands {@code item} to the writer, waiting while the queue is full; once {@link #close()}
     * began, writes it on this thread.
     */
    void submit(T item) {
        lock.lock();
        try {
            while (!closed && queue.size() >= CAPACITY) {
                progress.awaitUninterruptibly();
            }
            if (!closed) {
                if (writer == null) {
                    writer = Thread.ofPlatform().daemon().name(name).start(this::writeUntilStopped);
                }
                queue.add(item);
                handedOver++;
                return;
            }
        } finally {
            lock.unlock();
        }
        write(List.of(item));
    }

    /** Returns once every item handed over before this call is written (or its write failed). */
    void awaitWritten() {
        lock.lock();
        try {
            long target = handedOver;
            while (written < target) {
                progress.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is still waiting, then ends the writer; later items are written by their callers. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = writer;
            if (running != null) {
                // After every item handed over; its place is kept free.
                queue.add(STOP);
            }
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        if (running == null) {
            return;
        }
        try {
            running.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private void writeUntilStopped() {
        var taken = new ArrayList<Object>(MAX_BATCH);
        var batch = new ArrayList<T>(MAX_BATCH);
        while (true) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; an interrupt during a write could close the store's file.
                continue;
            }
            queue.drainTo(taken, MAX_BATCH - 1);
            boolean stop = false;
            for (var item : taken) {
                if (item == STOP) {
                    stop = true;
                } else {
                    batch.add((T) item);
                }
            }
            if (!batch.isEmpty()) {
                write(batch);
                markWritten(batch.size());
            }
            taken.clear();
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void write(List<T> batch) {
        try {
            write.accept(batch);
        } catch (RuntimeException | Error e) {
            // Even an Error (out of memory, say) must not end the writer: every later reader would wait forever.
            log.error("{}: a batch of {} could not be written: {}", name, batch.size(), e.getMessage(), e);
        }
    }

    private void markWritten(int count) {
        lock.lock();
        try {
            written += count;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
