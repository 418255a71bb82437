package io.actionport.bench.scenario;

import io.actionport.bench.load.Endpoint;
import io.actionport.bench.load.LoadGenerator;
import io.actionport.bench.load.LoadSpec;
import io.actionport.bench.load.McpSession;
import io.actionport.bench.report.Names;
import io.actionport.bench.report.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 5: from launching {@code actionport serve} (the CLI, as a user runs it) to the first
 * answered {@code tools/call}, on a fresh data directory (demo mode is seeded, migrations run) and
 * again on the same directory. The client retries every 5 ms until the call succeeds. In a
 * checkout with the server jar built, also through {@code bin/actionport}, which keeps a class
 * data sharing archive.
 */
public final class StartupScenario implements Scenario {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration RETRY = Duration.ofMillis(5);

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public void run(Bench bench) throws Exception {
        var fresh = new ArrayList<Double>();
        var existing = new ArrayList<Double>();
        for (int run = 0; run < bench.settings().plan().startupRuns(); run++) {
            var dataDir = bench.targets().freshDirectory("startup");
            fresh.add(measure(bench, dataDir, run, "fresh"));
            existing.add(measure(bench, dataDir, run, "existing"));
        }
        bench.report().add(row(Names.FRESH, fresh));
        bench.report().add(row(Names.EXISTING, existing));
        if (Files.isExecutable(LAUNCHER) && Files.isRegularFile(SERVER_JAR)) {
            measureLauncher(bench);
        }
    }

    /**
     * The distribution's way: {@code bin/actionport serve} on the built jar, with the class data
     * sharing archive the launcher keeps. One run makes the archive first and is not counted.
     */
    private static void measureLauncher(Bench bench) throws Exception {
        var cache = bench.targets().freshDirectory("startup-cds-cache");
        measure(bench, bench.targets().freshDirectory("startup"), -1, "launcher-archive", launcher(bench, cache));
        var fresh = new ArrayList<Double>();
        for (int run = 0; run < bench.settings().plan().startupRuns(); run++) {
            fresh.add(measure(
                    bench, bench.targets().freshDirectory("startup"), run, "launcher-fresh", launcher(bench, cache)));
        }
        bench.report().add(row(Names.LAUNCHER_FRESH, fresh));
    }

    private static Launch launcher(Bench bench, Path cache) {
        var javaHome =
                Path.of(bench.settings().javaBin()).toAbsolutePath().getParent().getParent();
        return (port, dataDir) -> {
            var command = new ArrayList<>(bench.settings().pin());
            command.addAll(List.of(
                    LAUNCHER.toString(), "serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
            var builder = new ProcessBuilder(command);
            builder.environment().put("JAVA_HOME", javaHome.toString());
            builder.environment().put("XDG_CACHE_HOME", cache.toString());
            return builder;
        };
    }

    /** How a run starts the server on a port and data directory. */
    @FunctionalInterface
    private interface Launch {
        ProcessBuilder command(int port, Path dataDir);
    }

    private static final Path LAUNCHER = Path.of("bin", "actionport");
    private static final Path SERVER_JAR = Path.of("server", "target", "actionport.jar");

    private static double measure(Bench bench, Path dataDir, int run, String kind) throws Exception {
        return measure(
                bench,
                dataDir,
                run,
                kind,
                (port, dir) -> new ProcessBuilder(bench.targets()
                        .javaCommand(
                                io.actionport.server.cli.ActionportCli.class,
                                List.of(),
                                List.of("serve", "--port", String.valueOf(port), "--data-dir", dir.toString()))));
    }

    private static double measure(Bench bench, Path dataDir, int run, String kind, Launch launch) throws Exception {
        int port = freePort();
        var log = bench.settings()
                .logDir()
                .resolve("startup-" + kind + "-" + run + ".log")
                .toFile();
        var builder = launch.command(port, dataDir).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("ACTIONPORT_DEV_KEY", "bench-key");
        var endpoint = Endpoint.mcp(port, false);
        var spec = LoadSpec.echo(1, Duration.ZERO, Duration.ofSeconds(1));
        var pool = LoadGenerator.pool(1);
        long started = System.nanoTime();
        var process = builder.start();
        try {
            var http = bench.generator().client(port, pool).responseTimeout(Duration.ofSeconds(5));
            long deadline = started + LIMIT.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    var answer = McpSession.open(http, endpoint)
                            .flatMap(session -> session.request(spec.method(), spec.paramsJson()))
                            .block(Duration.ofSeconds(10));
                    if (answer != null && spec.check().test(answer)) {
                        return (System.nanoTime() - started) / 1e6;
                    }
                } catch (RuntimeException e) {
                    Thread.sleep(RETRY);
                }
            }
            throw new IllegalStateException(
                    "actionport serve did not answer a tools/call within " + LIMIT + "; see " + log);
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    private static Row row(String target, List<Double> millis) {
        var sorted = millis.stream().sorted().toList();
        var extra = new LinkedHashMap<String, Object>();
        extra.put("runs", sorted.size());
        extra.put("min_ms", sorted.getFirst());
        extra.put(
                "all_ms",
                sorted.stream()
                        .map(value -> String.format(java.util.Locale.ROOT, "%.0f", value))
                        .toList());
        return new Row(
                Names.STARTUP,
                target,
                1,
                Double.NaN,
                sorted.size(),
                Double.NaN,
                percentile(sorted, 50),
                percentile(sorted, 90),
                Double.NaN,
                sorted.getLast(),
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                extra);
    }

    private static double percentile(List<Double> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
