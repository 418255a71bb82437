package io.actionport.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the results table: one scenario against one target at one concurrency.
 *
 * @param scenario e.g. {@code tools/call echo}
 * @param target e.g. {@code actionport}
 * @param clients concurrent clients, 0 when it does not apply
 * @param windowSeconds the counted window
 * @param operations good operations in the window
 * @param throughput operations per second
 * @param p50 latency percentiles and maximum in milliseconds; NaN when not measured
 * @param errors failed operations in the window
 * @param rssMb the server's peak resident memory in the window, MB
 * @param heapMb the server's peak heap in use in the window, MB
 * @param serverCpu the server's CPU use in the window, percent of one core
 * @param clientCpu the load generator's CPU use in the window, percent of one core
 * @param extra scenario-specific figures
 */
public record Row(
        String scenario,
        String target,
        int clients,
        double windowSeconds,
        long operations,
        double throughput,
        double p50,
        double p90,
        double p99,
        double max,
        long errors,
        double rssMb,
        double heapMb,
        double serverCpu,
        double clientCpu,
        Map<String, Object> extra) {

    public Row {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(target, "target");
        extra = new LinkedHashMap<>(extra);
    }
}
