package io.actionport.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-loop clients: each runs its next operation as soon as the previous one completes, until
 * the warm-up and the counted window have passed or it reached its bound. Operations that complete
 * inside the window are counted, with their latency; failures in the window are errors.
 */
public final class ClosedLoop {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final Duration warmup;
    private final Duration measure;
    private final long maxPerClient;
    private volatile long counted;
    private volatile long end;

    public ClosedLoop(Duration warmup, Duration measure, long maxPerClient) {
        this.warmup = warmup;
        this.measure = measure;
        this.maxPerClient = maxPerClient;
    }

    /** True when {@code nanos} (from {@link System#nanoTime()}) falls in the counted window. */
    public boolean inWindow(long nanos) {
        return nanos >= counted && nanos <= end;
    }

    private static void guarded(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // A scheduled task's exception would vanish; this one would leave the window unmeasured.
            System.err.println("the counted window's " + what + " callback failed: " + e);
            e.printStackTrace();
        }
    }

    /**
     * Runs {@code clients} clients; client {@code i} runs {@code operation.apply(i)} again and again.
     * Blocks until all stopped, at most the whole run plus 90 seconds.
     */
    public LoadResult run(int clients, IntFunction<Mono<?>> operation, LoadGenerator.Window window) {
        long start = System.nanoTime();
        counted = start + warmup.toNanos();
        end = counted + measure.toNanos();
        // A plain thread, not a Reactor scheduler: window callbacks may block (scrape, sample).
        var timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("bench-window").factory());
        timer.schedule(() -> guarded("start", window::started), warmup.toNanos(), TimeUnit.NANOSECONDS);
        timer.schedule(() -> guarded("end", window::ended), warmup.plus(measure).toNanos(), TimeUnit.NANOSECONDS);
        var histograms = new ArrayList<Histogram>();
        var errors = new AtomicLong();
        var warmupErrors = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var loops = new ArrayList<Mono<Void>>();
        for (int i = 0; i < clients; i++) {
            var histogram = new Histogram(HIGHEST_NANOS, 3);
            histograms.add(histogram);
            var sent = new long[1];
            int client = i;
            loops.add(Mono.defer(() -> {
                        long t0 = System.nanoTime();
                        sent[0]++;
                        return operation
                                .apply(client)
                                .doOnSuccess(ignored -> {
                                    long t1 = System.nanoTime();
                                    if (inWindow(t1)) {
                                        histogram.recordValue(Math.min(t1 - t0, HIGHEST_NANOS));
                                    }
                                })
                                .then()
                                .onErrorResume(e -> {
                                    long t1 = System.nanoTime();
                                    firstError.compareAndSet(null, e.toString());
                                    if (t1 < counted) {
                                        warmupErrors.incrementAndGet();
                                    } else if (t1 <= end) {
                                        errors.incrementAndGet();
                                    }
                                    return Mono.empty();
                                });
                    })
                    .repeat(() -> System.nanoTime() < end && sent[0] < maxPerClient)
                    .then());
        }
        try {
            Flux.fromIterable(loops)
                    .flatMap(loop -> loop, clients)
                    .then()
                    .block(warmup.plus(measure).plusSeconds(90));
        } finally {
            // Let the end-of-window callback finish (it may still be sampling): the window is part of the result.
            timer.shutdown();
            try {
                if (!timer.awaitTermination(measure.toSeconds() + 60, TimeUnit.SECONDS)) {
                    timer.shutdownNow();
                }
            } catch (InterruptedException e) {
                timer.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        var all = new Histogram(HIGHEST_NANOS, 3);
        histograms.forEach(all::add);
        return new LoadResult(all.getTotalCount(), errors.get(), warmupErrors.get(), measure, all, firstError.get());
    }
}
