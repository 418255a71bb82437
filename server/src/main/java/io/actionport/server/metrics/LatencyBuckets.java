package io.actionport.server.metrics;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * The fixed service-level buckets of every latency histogram, from 5 ms to 60 s: thirteen
 * {@code _bucket} series (and {@code +Inf}) per label set, where a percentile histogram would
 * publish some seventy.
 */
public final class LatencyBuckets {

    /** The upper bounds, smallest first. */
    public static final Duration[] BOUNDS = Stream.of(
                    "PT0.005S",
                    "PT0.01S",
                    "PT0.025S",
                    "PT0.05S",
                    "PT0.1S",
                    "PT0.25S",
                    "PT0.5S",
                    "PT1S",
                    "PT2.5S",
                    "PT5S",
                    "PT10S",
                    "PT30S",
                    "PT60S")
            .map(Duration::parse)
            .toArray(Duration[]::new);

    private LatencyBuckets() {}
}
