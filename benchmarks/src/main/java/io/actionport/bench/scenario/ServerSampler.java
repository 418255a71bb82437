package io.actionport.bench.scenario;

import io.actionport.bench.load.LoadGenerator;
import io.actionport.bench.target.Proc;
import io.actionport.bench.target.ServerProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Samples a server over a counted window: resident memory from {@code /proc} and its own numbers
 * (heap, threads, ...) every period, keeping each one's peak; CPU time of the server and of this
 * process between the window's start and end.
 */
public final class ServerSampler implements LoadGenerator.Window, AutoCloseable {

    private static final double MB = 1024.0 * 1024.0;

    private final ServerProcess server;
    private final String topic;
    private final Duration period;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sampler").factory());
    private final Map<String, Double> peaks = new LinkedHashMap<>();
    private ScheduledFuture<?> sampling;
    private long serverTicks;
    private long clientTicks;
    private long machineTicks;
    private double otherCpu = Double.NaN;
    private long startNanos;
    private double serverCpu = Double.NaN;
    private double clientCpu = Double.NaN;

    public ServerSampler(ServerProcess server, String topic, Duration period) {
        this.server = server;
        this.topic = topic;
        this.period = period;
    }

    public ServerSampler(ServerProcess server) {
        this(server, "", Duration.ofMillis(250));
    }

    @Override
    public synchronized void started() {
        startNanos = System.nanoTime();
        serverTicks = Proc.cpuTicks(server.pid());
        clientTicks = Proc.cpuTicks(ProcessHandle.current().pid());
        machineTicks = Proc.machineBusyTicks();
        sampling = timer.scheduleAtFixedRate(this::sample, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void ended() {
        if (sampling == null || sampling.isCancelled()) {
            return;
        }
        sampling.cancel(false);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long serverUsed = Proc.cpuTicks(server.pid()) - serverTicks;
        long clientUsed = Proc.cpuTicks(ProcessHandle.current().pid()) - clientTicks;
        long machineUsed = Proc.machineBusyTicks() - machineTicks;
        serverCpu = 100 * serverUsed / Proc.TICKS_PER_SECOND / seconds;
        clientCpu = 100 * clientUsed / Proc.TICKS_PER_SECOND / seconds;
        otherCpu = 100 * Math.max(0, machineUsed - serverUsed - clientUsed) / Proc.TICKS_PER_SECOND / seconds;
        sample();
    }

    /** Takes one sample now, outside the schedule. */
    public void sample() {
        var rss = Proc.rssBytes(server.pid());
        var stats = server.stats(topic);
        synchronized (this) {
            if (rss > 0) {
                peak("rss", rss);
            }
            for (var field : stats.properties()) {
                if (field.getValue().isNumber()) {
                    peak(field.getKey(), field.getValue().asDouble());
                }
            }
        }
    }

    private void peak(String name, double value) {
        peaks.merge(name, value, Math::max);
    }

    /** The peak of a sampled number, or NaN when never seen. */
    public synchronized double peak(String name) {
        return peaks.getOrDefault(name, Double.NaN);
    }

    public double rssMb() {
        return peak("rss") / MB;
    }

    public double heapMb() {
        return peak("heapUsed") / MB;
    }

    public double heapAfterGcMb() {
        return peak("heapAfterGc") / MB;
    }

    public synchronized double serverCpu() {
        return serverCpu;
    }

    public synchronized double clientCpu() {
        return clientCpu;
    }

    /** CPU use of every other process in the window (other work on the machine, or a database server). */
    public synchronized double otherCpu() {
        return otherCpu;
    }

    @Override
    public void close() {
        ended();
        timer.shutdownNow();
    }
}
