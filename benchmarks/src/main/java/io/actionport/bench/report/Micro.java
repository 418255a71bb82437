package io.actionport.bench.report;

/**
 * One JMH result.
 *
 * @param benchmark the benchmark method, e.g. {@code RunnerBenchmark.run_echo_through_runner}
 * @param score the average time per operation
 * @param error the 99.9% confidence half-width, NaN with one iteration
 * @param unit e.g. {@code us/op}
 * @param description what it measures
 */
public record Micro(String benchmark, double score, double error, String unit, String description) {}
