package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void callers_waiting_at_the_same_time_share_flushes_and_each_returns_after_a_flush_that_began_after_its_call()
            throws Exception {
        var flushStarted = new AtomicLong();
        var flushCount = new AtomicInteger();
        var groupCommit = new GroupCommit<Void>(committed -> {
            flushStarted.set(System.nanoTime());
            flushCount.incrementAndGet();
            sleep(20);
        });
        var start = new CountDownLatch(1);
        var violations = new AtomicInteger();
        var futures = new ArrayList<Future<?>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    long called = System.nanoTime();
                    groupCommit.submit(null);
                    if (flushStarted.get() < called) {
                        violations.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : futures) {
                future.get();
            }
        }

        assertThat(violations).hasValue(0);
        assertThat(flushCount.get()).isLessThan(20);
        assertThat(groupCommit.runs()).isEqualTo(flushCount.get());
    }

    @Test
    void each_item_is_run_once_and_the_items_that_arrive_during_a_run_go_together_into_the_next() throws Exception {
        var runs = new java.util.concurrent.ConcurrentLinkedQueue<java.util.List<Integer>>();
        var groupCommit = new GroupCommit<Integer>(items -> {
            runs.add(java.util.List.copyOf(items));
            sleep(20);
        });
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<?>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                int item = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    groupCommit.submit(item);
                    return null;
                }));
            }
            start.countDown();
            for (var future : futures) {
                future.get();
            }
        }

        assertThat(runs.stream().flatMap(java.util.List::stream))
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, 100).boxed().toList());
        assertThat(runs)
                .hasSizeLessThan(20)
                .anySatisfy(items -> assertThat(items).hasSizeGreaterThan(1));
        assertThat(groupCommit.runs()).isEqualTo(runs.size());
    }

    @Test
    void a_failed_flush_fails_its_caller_and_the_next_caller_flushes_again() {
        var attempts = new AtomicInteger();
        var groupCommit = new GroupCommit<Void>(committed -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });

        assertThatThrownBy(() -> groupCommit.submit(null)).hasMessage("disk full");
        groupCommit.submit(null);
        assertThat(attempts).hasValue(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
