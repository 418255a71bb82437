package io.actionport.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The performance targets of DESIGN.md, each set against this run's figures and references. */
final class DesignChecks {

    private DesignChecks() {}

    static List<Check> of(List<Row> rows, List<Micro> micro) {
        var checks = new ArrayList<Check>();
        var level = highestCommonLevel(rows);
        checks.add(throughputRatio(
                rows, level, Names.TYPESCRIPT, 2.0, "tools/call at 64 clients: at least 2x the TypeScript SDK server"));
        checks.add(throughputRatio(
                rows,
                level,
                Names.SERVLET,
                1.0,
                "tools/call at 64 clients: at least the SDK servlet transport on Jetty"));
        checks.add(latencyRatio(rows));
        checks.add(runnerOverhead(micro));
        for (var store : List.of(Names.H2, Names.POSTGRES)) {
            checks.add(asyncLatency(rows, store));
        }
        checks.add(asyncThroughput(rows, Names.H2, 2000));
        checks.add(asyncThroughput(rows, Names.POSTGRES, 1000));
        checks.add(inflight(rows));
        checks.add(listTools(rows));
        checks.add(startup(rows));
        return checks;
    }

    private static int highestCommonLevel(List<Row> rows) {
        return rows.stream()
                .filter(row -> row.scenario().equals(Names.CALL) && row.target().equals(Names.ACTIONPORT))
                .mapToInt(Row::clients)
                .max()
                .orElse(64);
    }

    private static Check throughputRatio(List<Row> rows, int clients, String reference, double needed, String target) {
        var ours = find(rows, Names.CALL, Names.ACTIONPORT, clients);
        var theirs = find(rows, Names.CALL, reference, clients);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return new Check(target, "not measured (" + reference + " did not run)", "-", "not measured");
        }
        double ratio = ours.get().throughput() / theirs.get().throughput();
        return new Check(
                target,
                String.format(
                        Locale.ROOT,
                        "%s calls/s vs %s %s calls/s (%d clients)",
                        Tables.number(ours.get().throughput()),
                        reference,
                        Tables.number(theirs.get().throughput()),
                        clients),
                String.format(Locale.ROOT, "%.2fx (needs %.1fx)", ratio, needed),
                ratio >= needed ? "met" : "not met");
    }

    private static Check latencyRatio(List<Row> rows) {
        var target = "tools/call, 1 client: p50 within 1.5x of a bare Reactor Netty canned answer";
        var ours = find(rows, Names.CALL, Names.ACTIONPORT, 1);
        var ceiling = find(rows, Names.CALL, Names.CANNED, 1);
        if (ours.isEmpty() || ceiling.isEmpty()) {
            return new Check(target, "not measured", "-", "not measured");
        }
        double ratio = ours.get().p50() / ceiling.get().p50();
        return new Check(
                target,
                String.format(
                        Locale.ROOT,
                        "p50 %s ms vs %s ms",
                        Tables.number(ours.get().p50()),
                        Tables.number(ceiling.get().p50())),
                String.format(Locale.ROOT, "%.2fx (limit 1.5x)", ratio),
                ratio <= 1.5 ? "met" : "not met");
    }

    private static Check runnerOverhead(List<Micro> micro) {
        var target =
                "runner overhead per call (validation in and out, durable record), amortised at 64 clients: under 50 us";
        var single = micro.stream()
                .filter(result -> result.benchmark().equals(Names.RUNNER_BENCHMARK))
                .findFirst();
        var platform = micro.stream()
                .filter(result -> result.benchmark().equals(Names.RUNNER_64_PLATFORM_THREADS))
                .findFirst();
        return micro.stream()
                .filter(result -> result.benchmark().equals(Names.RUNNER_64_CLIENTS))
                .findFirst()
                .map(result -> new Check(
                        target,
                        String.format(
                                Locale.ROOT,
                                "%s us per echo call through the runner from 64 virtual threads, H2 file store%s%s",
                                Tables.number(result.score()),
                                platform.map(threads ->
                                                "; from 64 platform threads " + Tables.number(threads.score()) + " us")
                                        .orElse(""),
                                single.map(one -> " (one thread alone: " + Tables.number(one.score()) + " us)")
                                        .orElse("")),
                        String.format(Locale.ROOT, "%.2fx of the limit", result.score() / 50.0),
                        result.score() < 50 ? "met" : "not met"))
                .orElse(new Check(target, "not measured", "-", "not measured"));
    }

    private static Check asyncLatency(List<Row> rows, String store) {
        var target = "async no-op trigger to completion p50 under 20 ms, " + store;
        return rows.stream()
                .filter(row -> row.scenario().equals(Names.ASYNC_LATENCY)
                        && row.target().equals(store))
                .findFirst()
                .map(row -> new Check(
                        target,
                        String.format(
                                Locale.ROOT,
                                "p50 %s ms, p99 %s ms (client-observed)",
                                Tables.number(row.p50()),
                                Tables.number(row.p99())),
                        String.format(Locale.ROOT, "%.2fx of the limit", row.p50() / 20.0),
                        row.p50() < 20 ? "met" : "not met"))
                .orElse(new Check(target, "not measured", "-", "not measured"));
    }

    private static Check asyncThroughput(List<Row> rows, String store, double needed) {
        var target =
                String.format(Locale.ROOT, "async no-op: at least %,.0f executions/s sustained, %s", needed, store);
        return rows.stream()
                .filter(row -> row.scenario().equals(Names.ASYNC_SUSTAINED)
                        && row.target().equals(store))
                .findFirst()
                .map(row -> new Check(
                        target,
                        Tables.number(row.throughput()) + " executions/s completed",
                        String.format(Locale.ROOT, "%.2fx of the target", row.throughput() / needed),
                        row.throughput() >= needed ? "met" : "not met"))
                .orElse(new Check(target, "not measured", "-", "not measured"));
    }

    private static Check inflight(List<Row> rows) {
        var target = "10,000 concurrent in-flight executions on a slow provider: all finish, heap under 512 MB";
        return rows.stream()
                .filter(row -> row.scenario().equals(Names.INFLIGHT))
                .findFirst()
                .map(row -> {
                    boolean allFinished = Boolean.TRUE.equals(row.extra().get("all_finished"));
                    return new Check(
                            target,
                            String.format(
                                    Locale.ROOT,
                                    "%s executions, all finished: %s, %s waiting on the provider at once, heap peak %s MB",
                                    row.extra().get("executions"),
                                    allFinished ? "yes" : "no",
                                    row.extra().get("peak_waiting_on_provider"),
                                    Tables.number(row.heapMb())),
                            String.format(Locale.ROOT, "%.2fx of 512 MB", row.heapMb() / 512),
                            allFinished && row.heapMb() < 512 ? "met" : "not met");
                })
                .orElse(new Check(target, "not measured", "-", "not measured"));
    }

    private static Check listTools(List<Row> rows) {
        var target = "tools/list with 1,000 deployed actions: under 50 ms";
        return rows.stream()
                .filter(row -> row.scenario().startsWith(Names.LIST) && row.clients() == 1)
                .findFirst()
                .map(row -> new Check(
                        target,
                        String.format(
                                Locale.ROOT,
                                "%s: p50 %s ms, p99 %s ms (1 client)",
                                row.scenario(),
                                Tables.number(row.p50()),
                                Tables.number(row.p99())),
                        String.format(Locale.ROOT, "%.2fx of the limit", row.p50() / 50.0),
                        row.p50() < 50 ? "met" : "not met"))
                .orElse(new Check(target, "not measured", "-", "not measured"));
    }

    private static Check startup(List<Row> rows) {
        var target = "start to first served call: under 1.5 s";
        return rows.stream()
                .filter(row -> row.scenario().equals(Names.STARTUP)
                        && (row.target().equals(Names.FRESH) || row.target().equals(Names.LAUNCHER_FRESH)))
                .min(java.util.Comparator.comparingDouble(Row::p50))
                .map(row -> new Check(
                        target,
                        String.format(
                                Locale.ROOT,
                                "%s ms median, %s (process launch to first tools/call answer)",
                                Tables.number(row.p50()),
                                row.target()),
                        String.format(Locale.ROOT, "%.2fx of the limit", row.p50() / 1500.0),
                        row.p50() < 1500 ? "met" : "not met"))
                .orElse(new Check(target, "not measured", "-", "not measured"));
    }

    private static Optional<Row> find(List<Row> rows, String scenario, String target, int clients) {
        return rows.stream()
                .filter(row ->
                        row.scenario().equals(scenario) && row.target().equals(target) && row.clients() == clients)
                .findFirst();
    }
}
