package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeferredWritesTest {

    @Test
    void items_handed_over_while_a_batch_is_written_go_together_into_the_next_one() throws Exception {
        var batches = new ConcurrentLinkedQueue<List<Integer>>();
        var firstBatchStarted = new CountDownLatch(1);
        var releaseFirstBatch = new CountDownLatch(1);
        var writes = new DeferredWrites<Integer>("test-writer", batch -> {
            batches.add(List.copyOf(batch));
            firstBatchStarted.countDown();
            await(releaseFirstBatch);
        });

        writes.submit(0);
        assertThat(firstBatchStarted.await(5, TimeUnit.SECONDS)).isTrue();
        IntStream.rangeClosed(1, 10).forEach(writes::submit);
        releaseFirstBatch.countDown();
        writes.awaitWritten();

        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        writes.close();
    }

    @Test
    void a_reader_waits_until_every_item_handed_over_before_it_is_written() throws Exception {
        var written = new ConcurrentLinkedQueue<Integer>();
        var release = new CountDownLatch(1);
        var writes = new DeferredWrites<Integer>("test-writer", batch -> {
            await(release);
            written.addAll(batch);
        });
        IntStream.range(0, 5).forEach(writes::submit);

        var reader = Thread.ofVirtual().start(writes::awaitWritten);
        assertThat(reader.join(java.time.Duration.ofMillis(200))).isFalse();
        assertThat(written).isEmpty();

        release.countDown();
        assertThat(reader.join(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(written).containsExactly(0, 1, 2, 3, 4);
        writes.close();
    }

    @Test
    void a_failed_batch_is_logged_and_counted_so_that_readers_do_not_wait_for_it() {
        var written = new ConcurrentLinkedQueue<Integer>();
        var writes = new DeferredWrites<Integer>("test-writer", batch -> {
            if (batch.contains(1)) {
                throw new StoreException("the store is gone", null);
            }
            written.addAll(batch);
        });

        writes.submit(1);
        writes.awaitWritten();
        writes.submit(2);
        writes.awaitWritten();

        assertThat(written).containsExactly(2);
        writes.close();
    }

    @Test
    void a_batch_that_throws_an_error_does_not_end_the_writer() {
        var written = new ConcurrentLinkedQueue<Integer>();
        var writes = new DeferredWrites<Integer>("test-writer", batch -> {
            if (batch.contains(1)) {
                throw new OutOfMemoryError("no room for the batch");
            }
            written.addAll(batch);
        });

        writes.submit(1);
        writes.awaitWritten();
        writes.submit(2);
        writes.awaitWritten();

        assertThat(written).containsExactly(2);
        writes.close();
    }

    @Test
    void close_writes_what_is_waiting_and_later_items_are_written_by_their_caller() throws Exception {
        var writers = new ConcurrentLinkedQueue<String>();
        var written = new ConcurrentLinkedQueue<Integer>();
        var writerBusy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var writes = new DeferredWrites<Integer>("test-writer", batch -> {
            writers.add(Thread.currentThread().getName());
            writerBusy.countDown();
            await(release);
            written.addAll(batch);
        });
        writes.submit(1);
        assertThat(writerBusy.await(5, TimeUnit.SECONDS)).isTrue();
        writes.submit(2);

        var closing = new AtomicReference<Throwable>();
        var closer = Thread.ofPlatform().start(() -> {
            try {
                writes.close();
            } catch (Throwable e) {
                closing.set(e);
            }
        });
        release.countDown();
        closer.join(5_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(closing.get()).isNull();
        assertThat(written).containsExactly(1, 2);

        writes.submit(3);

        assertThat(written).containsExactly(1, 2, 3);
        assertThat(writers)
                .containsExactly(
                        "test-writer", "test-writer", Thread.currentThread().getName());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
