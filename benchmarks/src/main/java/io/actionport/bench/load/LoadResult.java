package io.actionport.bench.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What a load run measured in its counted window.
 *
 * @param completed good results completed in the window
 * @param errors failed requests completed in the window
 * @param warmupErrors failed requests during the warm-up
 * @param window the counted window
 * @param latencies of the good results, in nanoseconds
 * @param firstError the first failure's message, or null
 */
public record LoadResult(
        long completed, long errors, long warmupErrors, Duration window, Histogram latencies, String firstError) {

    public double throughput() {
        return completed / (window.toNanos() / 1e9);
    }

    /** A percentile in milliseconds. */
    public double millis(double percentile) {
        return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1e6;
    }

    public double maxMillis() {
        return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getMaxValue() / 1e6;
    }
}
