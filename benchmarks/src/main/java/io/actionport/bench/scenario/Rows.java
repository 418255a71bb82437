package io.actionport.bench.scenario;

import io.actionport.bench.load.LoadResult;
import io.actionport.bench.report.Row;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows built from a load result and what was sampled over the same window. */
final class Rows {

    private Rows() {}

    static Row of(String scenario, String target, int clients, LoadResult result, ServerSampler sampler) {
        var extra = new LinkedHashMap<String, Object>();
        if (!Double.isNaN(sampler.otherCpu())) {
            extra.put("other_cpu_pct", sampler.otherCpu());
        }
        if (!Double.isNaN(sampler.heapAfterGcMb())) {
            extra.put("heap_after_gc_mb", sampler.heapAfterGcMb());
        }
        if (!Double.isNaN(sampler.peak("peakThreads"))) {
            extra.put("platform_threads_peak", (long) sampler.peak("peakThreads"));
        }
        if (result.warmupErrors() > 0) {
            extra.put("warmup_errors", result.warmupErrors());
        }
        if (result.firstError() != null) {
            extra.put("first_error", result.firstError().replace('|', '/'));
        }
        return row(scenario, target, clients, result, sampler, extra);
    }

    static Row row(
            String scenario,
            String target,
            int clients,
            LoadResult result,
            ServerSampler sampler,
            Map<String, Object> extra) {
        return new Row(
                scenario,
                target,
                clients,
                result.window().toNanos() / 1e9,
                result.completed(),
                result.throughput(),
                result.millis(50),
                result.millis(90),
                result.millis(99),
                result.maxMillis(),
                result.errors(),
                sampler.rssMb(),
                sampler.heapMb(),
                sampler.serverCpu(),
                sampler.clientCpu(),
                extra);
    }
}
