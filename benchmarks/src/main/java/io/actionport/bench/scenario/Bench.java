package io.actionport.bench.scenario;

import io.actionport.bench.Settings;
import io.actionport.bench.load.LoadGenerator;
import io.actionport.bench.report.Report;
import io.actionport.bench.target.Proc;
import io.actionport.bench.target.Targets;
import java.time.Duration;
import java.util.Locale;

/**
 * What every scenario works with: the settings, the one load generator, the server launcher and
 * the report.
 */
public record Bench(Settings settings, LoadGenerator generator, Targets targets, Report report) {

    /**
     * In full runs, waits (at most 90 seconds) until other processes on the machine are nearly
     * idle, and notes the wait; a shared machine's other work would be measured as our slowness.
     */
    public void awaitQuiet(String before) {
        if (settings.plan().isSmoke()) {
            return;
        }
        try {
            var waited = Proc.awaitQuiet(QUIET_PERCENT, Duration.ofSeconds(90));
            if (waited.toSeconds() >= 5) {
                report.note(String.format(
                        Locale.ROOT,
                        "waited %d s for other processes to go under %.0f%% of a CPU before %s",
                        waited.toSeconds(),
                        QUIET_PERCENT,
                        before));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final double QUIET_PERCENT = 10;
}
