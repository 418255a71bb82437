/**
 * JMH micro-benchmarks: the runner's own cost per call and its parts (input validation, output
 * validation, the execution record), and compiling a schema against validating with a cached one.
 */
package io.actionport.bench.jmh;
