package io.actionport.bench;

import java.time.Duration;
import java.util.List;

/**
 * The sizes and durations of every scenario. {@link #smoke()} keeps the harness working in CI in
 * about a minute; {@link #full()} is the run whose results are published.
 *
 * @param name {@code smoke} or {@code full}
 * @param serverWarmup load at the top concurrency each server gets before its first counted
 *     {@code tools/call} level and its sustained async run, not counted: on one CPU the JIT still
 *     compiles for tens of seconds after a start, and a run measured meanwhile measures the JIT
 * @param callClients the concurrency levels of {@code tools/call}
 * @param callWarmup the warm-up of each level, not counted
 * @param callMeasure the counted window of each level
 * @param listTools the actions deployed for {@code tools/list}
 * @param listClients its concurrency levels
 * @param asyncLatencyClients clients that trigger and wait for completion, one at a time each
 * @param asyncThroughputClients clients that only trigger, as fast as answers come
 * @param asyncWarmup the warm-up of each async run
 * @param asyncMeasure the counted window of each async run
 * @param drainTimeout how long to wait for the queue to drain after an async run
 * @param inflight executions held on the one-second provider at once
 * @param inflightTimeout the bound on the whole in-flight run
 * @param startupRuns start-ups measured, each on a fresh and then on a used data directory
 * @param jmhForks 0 runs JMH in this JVM (smoke), 1 in a fork of its own
 * @param jmhWarmups warm-up iterations per benchmark
 * @param jmhIterations measured iterations per benchmark
 * @param jmhIteration the length of one iteration
 */
public record Plan(
        String name,
        Duration serverWarmup,
        List<Integer> callClients,
        Duration callWarmup,
        Duration callMeasure,
        int listTools,
        List<Integer> listClients,
        int asyncLatencyClients,
        int asyncThroughputClients,
        Duration asyncWarmup,
        Duration asyncMeasure,
        Duration drainTimeout,
        int inflight,
        Duration inflightTimeout,
        int startupRuns,
        int jmhForks,
        int jmhWarmups,
        int jmhIterations,
        Duration jmhIteration) {

    public static Plan smoke() {
        return new Plan(
                "smoke",
                Duration.ZERO,
                List.of(1, 4),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                100,
                List.of(1),
                1,
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                200,
                Duration.ofSeconds(60),
                1,
                0,
                1,
                1,
                Duration.ofMillis(200));
    }

    public static Plan full() {
        return new Plan(
                "full",
                Duration.ofSeconds(40),
                List.of(1, 16, 64),
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                1000,
                List.of(1, 16),
                1,
                32,
                Duration.ofSeconds(3),
                Duration.ofSeconds(15),
                Duration.ofSeconds(120),
                10_000,
                Duration.ofMinutes(5),
                5,
                1,
                30,
                5,
                Duration.ofSeconds(1));
    }

    public boolean isSmoke() {
        return name.equals("smoke");
    }
}
