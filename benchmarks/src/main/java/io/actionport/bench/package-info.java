/**
 * The benchmark harness of Actionport: {@link io.actionport.bench.Benchmarks} runs the scenarios of
 * the benchmark issue in a smoke or a full plan, prints the table, and writes Markdown and JSON.
 */
package io.actionport.bench;
