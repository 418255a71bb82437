package io.actionport.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What Linux's {@code /proc} tells about a process: resident memory, CPU time, allowed CPUs. */
public final class Proc {

    /** Clock ticks per second of {@code utime} and {@code stime}; 100 on Linux for x86-64. */
    public static final double TICKS_PER_SECOND = 100.0;

    private Proc() {}

    /** Resident set size in bytes, or -1 when unknown. */
    public static long rssBytes(long pid) {
        return statusField(pid, "VmRSS:").map(Proc::kilobytes).orElse(-1L);
    }

    /** The peak resident set size since the process started, in bytes, or -1. */
    public static long peakRssBytes(long pid) {
        return statusField(pid, "VmHWM:").map(Proc::kilobytes).orElse(-1L);
    }

    /** The CPUs the process may run on, e.g. {@code 0} or {@code 0-1}; "?" when unknown. */
    public static String allowedCpus(long pid) {
        return statusField(pid, "Cpus_allowed_list:").orElse("?");
    }

    /** User plus system CPU time in clock ticks, or -1. */
    public static long cpuTicks(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces and parentheses; fields are counted after the last ')'.
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time the whole machine spent busy (not idle, not waiting on I/O), in clock ticks, or -1. */
    public static long machineBusyTicks() {
        try {
            var fields =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal ...
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Waits until processes other than this one used less than {@code percent} of one CPU over a
     * second, at most {@code limit}; returns how long it waited. Other work on a shared machine
     * would otherwise be measured as the servers' slowness.
     */
    public static java.time.Duration awaitQuiet(double percent, java.time.Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            if (othersCpuPercent(java.time.Duration.ofSeconds(1)) < percent) {
                break;
            }
        }
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }

    /** CPU use of every process but this one over {@code period}, in percent of one CPU. */
    public static double othersCpuPercent(java.time.Duration period) throws InterruptedException {
        long self = ProcessHandle.current().pid();
        long busy0 = machineBusyTicks();
        long self0 = cpuTicks(self);
        Thread.sleep(period);
        long others = (machineBusyTicks() - busy0) - (cpuTicks(self) - self0);
        return 100 * others / TICKS_PER_SECOND / (period.toNanos() / 1e9);
    }

    private static Optional<String> statusField(long pid, String name) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(name.length()).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long kilobytes(String value) {
        return Long.parseLong(value.replace("kB", "").trim()) * 1024;
    }
}
