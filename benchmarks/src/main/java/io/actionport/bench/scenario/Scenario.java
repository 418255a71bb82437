package io.actionport.bench.scenario;

/** One scenario of the benchmark: starts what it needs, measures, adds rows, stops what it started. */
public interface Scenario {

    /** The name {@code --only} selects it by. */
    String name();

    void run(Bench bench) throws Exception;
}
