package io.actionport.bench.scenario;

import io.actionport.bench.jmh.RunnerBenchmark;
import io.actionport.bench.jmh.SchemaBenchmark;
import io.actionport.bench.report.Micro;
import java.util.Map;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The JMH micro-benchmarks, in a fork of their own in full runs and in this JVM in smoke runs. */
public final class JmhScenario implements Scenario {

    private static final String CONCURRENT = "run_echo_64_clients";

    /** Names the 64-client run from platform threads. */
    private static final String PLATFORM_SUFFIX = "_platform_threads";

    private static final Map<String, String> WHAT = Map.of(
            "run_echo_through_runner",
            "whole runner path of the no-op echo: resolve, validate in, run on the calling thread, validate out, insert and finish the record (H2 file)",
            "run_echo_64_clients",
            "the same path from 64 virtual threads at once, as the doors call it, amortised: JMH's time per call of one thread divided by 64 (durable commits shared by group commit)",
            "run_echo_64_clients" + PLATFORM_SUFFIX,
            "the same from 64 platform threads, as in-process callers may call it",
            "prepare_validates_input",
            "resolve action, validate input (cached schema), resolve connection",
            "validate_output",
            "serialize output, read back, validate against the output schema",
            "record_insert_and_finish",
            "INSERT the execution record and UPDATE it finished (H2 file)",
            "find_record",
            "SELECT of one execution record by id (for scale: what a store read-back costs)",
            "compile_schema",
            "compile a 5-property input schema (networknt, draft 2020-12)",
            "validate_valid_with_cached_schema",
            "validate a valid document with the compiled schema",
            "validate_invalid_with_cached_schema",
            "validate a document with 4 violations with the compiled schema");

    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public void run(Bench bench) throws Exception {
        var single = options(bench)
                .include(RunnerBenchmark.class.getName())
                .include(SchemaBenchmark.class.getName())
                .exclude(CONCURRENT)
                .threads(1)
                .build();
        report(bench, single, 1, "");
        // The doors call the runner from a virtual thread per call, so the 64 clients are virtual threads; an
        // in-process caller may call it from platform threads, measured too (each park is then a system call).
        report(bench, concurrent(bench, "VIRTUAL"), RunnerBenchmark.CLIENTS, "");
        report(bench, concurrent(bench, "PLATFORM"), RunnerBenchmark.CLIENTS, PLATFORM_SUFFIX);
    }

    /** The 64-client benchmark with JMH's worker threads of the given kind ({@code jmh.executor}). */
    private static Options concurrent(Bench bench, String executor) {
        var plan = bench.settings().plan();
        return options(bench)
                .include(RunnerBenchmark.class.getName() + "." + CONCURRENT)
                .threads(RunnerBenchmark.CLIENTS)
                // JMH reads its executor once per JVM: each kind runs in a fork of its own, smoke runs too.
                .forks(1)
                .jvmArgsAppend("-Djmh.executor=" + executor)
                // 64 threads busy on one CPU leave the JIT little of it: its time per call kept falling for about
                // 50 one-second iterations (about 7 ms per round after 30, 4-4.5 ms from 50 on, measured).
                .warmupIterations(plan.jmhWarmups() * 2)
                .measurementIterations(plan.jmhIterations() * 2)
                .build();
    }

    private static ChainedOptionsBuilder options(Bench bench) {
        var plan = bench.settings().plan();
        return new OptionsBuilder()
                .forks(plan.jmhForks())
                .warmupIterations(plan.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(plan.jmhIteration().toMillis()))
                .measurementIterations(plan.jmhIterations())
                .measurementTime(TimeValue.milliseconds(plan.jmhIteration().toMillis()))
                .shouldFailOnError(true);
    }

    /** Adds each result; with several threads, the time per call is divided among them (amortised). */
    private static void report(Bench bench, Options options, int threads, String suffix) throws Exception {
        for (var result : new Runner(options).run()) {
            var primary = result.getPrimaryResult();
            var label = result.getParams().getBenchmark();
            var method = label.substring(label.lastIndexOf('.') + 1) + suffix;
            var owner = label.substring(0, label.lastIndexOf('.'));
            var name = owner.substring(owner.lastIndexOf('.') + 1) + "." + method;
            bench.report()
                    .add(new Micro(
                            name,
                            primary.getScore() / threads,
                            primary.getScoreError() / threads,
                            primary.getScoreUnit(),
                            WHAT.getOrDefault(method, "")));
        }
    }
}
