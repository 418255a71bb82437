package io.actionport.bench;

import io.actionport.bench.load.LoadGenerator;
import io.actionport.bench.report.Report;
import io.actionport.bench.scenario.AsyncScenario;
import io.actionport.bench.scenario.Bench;
import io.actionport.bench.scenario.InFlightScenario;
import io.actionport.bench.scenario.JmhScenario;
import io.actionport.bench.scenario.Scenario;
import io.actionport.bench.scenario.StartupScenario;
import io.actionport.bench.scenario.ToolsCallScenario;
import io.actionport.bench.scenario.ToolsListScenario;
import io.actionport.bench.target.Proc;
import io.actionport.bench.target.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark: {@code smoke} (about a minute, for CI) or {@code full} (the published run).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar full [--out DIR] [--only tools-call,async,...]
 *     [--server-cpus 0] [--client-cpus 1] [--no-pin] [--node PATH]
 * </pre>
 *
 * Full runs pin the servers to CPU 0 and this process (the load generator) to CPU 1 with
 * {@code taskset} when there are two CPUs or more; smoke runs pin nothing.
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        var report = run(args, System.out);
        // Reactor and JMH leave non-daemon threads behind; the run is over.
        System.exit(report == null ? 2 : 0);
    }

    /** Runs the scenarios and writes the report; null when the arguments were wrong. */
    public static Report run(String[] args, PrintStream out) throws Exception {
        var settings = settings(args, out);
        if (settings == null) {
            return null;
        }
        settings.clientCpus().ifPresent(cpus -> pinSelf(cpus, out));
        deleteRecursively(settings.workDir().resolve("data"));
        Files.createDirectories(settings.logDir());

        var report = new Report(settings.plan().name(), settings.command(), out);
        report.machine("measured source", settings.source());
        report.machine(
                "load generator CPUs", Proc.allowedCpus(ProcessHandle.current().pid()));
        report.machine(
                "server pinning",
                settings.serverCpus().map(cpus -> "taskset -c " + cpus).orElse("none"));
        settings.node().ifPresent(node -> report.machine("node", node.toString()));
        List<Scenario> scenarios = List.of(
                new ToolsCallScenario(),
                new ToolsListScenario(),
                new AsyncScenario(),
                new InFlightScenario(),
                new StartupScenario(),
                new JmhScenario());
        try (var generator = new LoadGenerator()) {
            var bench = new Bench(settings, generator, new Targets(settings), report);
            for (var scenario : scenarios) {
                if (!settings.runs(scenario.name())) {
                    continue;
                }
                out.println("== " + scenario.name());
                long started = System.nanoTime();
                try {
                    bench.awaitQuiet(scenario.name());
                    scenario.run(bench);
                } catch (Exception | Error e) {
                    report.note("scenario " + scenario.name() + " failed: " + e);
                    e.printStackTrace(out);
                }
                out.printf("== %s took %.1f s%n", scenario.name(), (System.nanoTime() - started) / 1e9);
            }
        }
        report.finish(settings.outDir());
        return report;
    }

    private static Settings settings(String[] args, PrintStream out) throws URISyntaxException {
        if (args.length == 0 || !(args[0].equals("smoke") || args[0].equals("full"))) {
            out.println("usage: benchmarks (smoke|full) [--out DIR] [--only " + String.join(",", Settings.SCENARIOS)
                    + "] [--server-cpus LIST] [--client-cpus LIST] [--no-pin] [--node PATH] [--source TEXT]");
            return null;
        }
        var plan = args[0].equals("full") ? Plan.full() : Plan.smoke();
        var home = moduleDirectory();
        Path outDir = plan.isSmoke()
                ? home.resolve("target/bench-smoke")
                : home.getParent().resolve("docs/benchmarks");
        boolean pin = !plan.isSmoke()
                && Runtime.getRuntime().availableProcessors() >= 2
                && Files.isExecutable(Path.of("/usr/bin/taskset"));
        String serverCpus = "0";
        String clientCpus = "1";
        Optional<Path> node = which("node");
        String source = "the working tree the jar was built from";
        var only = new HashSet<String>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> outDir = Path.of(args[++i]).toAbsolutePath();
                case "--only" -> only.addAll(Arrays.asList(args[++i].split(",")));
                case "--server-cpus" -> serverCpus = args[++i];
                case "--client-cpus" -> clientCpus = args[++i];
                case "--no-pin" -> pin = false;
                case "--pin" -> pin = true;
                case "--node" -> node = Optional.of(Path.of(args[++i]).toAbsolutePath());
                case "--source" -> source = args[++i];
                default -> {
                    out.println("unknown option " + args[i]);
                    return null;
                }
            }
        }
        if (!Settings.SCENARIOS.containsAll(only)) {
            out.println("--only takes " + Settings.SCENARIOS);
            return null;
        }
        var command = new ArrayList<String>();
        command.add("java -jar benchmarks/target/benchmarks.jar");
        Arrays.stream(args)
                .map(arg -> arg.contains(" ") ? "'" + arg + "'" : arg)
                .forEach(command::add);
        return new Settings(
                plan,
                outDir,
                home.resolve("target/bench-work"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"),
                pin ? Optional.of(serverCpus) : Optional.empty(),
                pin ? Optional.of(clientCpus) : Optional.empty(),
                node,
                Set.copyOf(only),
                String.join(" ", command),
                source);
    }

    /** The benchmarks module directory: the parent of {@code target/} that holds this jar or these classes. */
    private static Path moduleDirectory() throws URISyntaxException {
        var location = Path.of(Benchmarks.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        // target/benchmarks.jar or target/classes -> the module directory.
        return location.getParent().getParent().toAbsolutePath();
    }

    private static Optional<Path> which(String program) {
        var path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(":"))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Pins every thread of this process to {@code cpus}; threads started later inherit it. */
    private static void pinSelf(String cpus, PrintStream out) {
        try {
            var process = new ProcessBuilder(
                            "taskset",
                            "-a",
                            "-p",
                            "-c",
                            cpus,
                            String.valueOf(ProcessHandle.current().pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                out.println("note: could not pin the load generator to CPUs " + cpus);
            }
        } catch (IOException e) {
            out.println("note: could not pin the load generator: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
