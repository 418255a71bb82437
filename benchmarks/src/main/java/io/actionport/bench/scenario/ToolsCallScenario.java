package io.actionport.bench.scenario;

import io.actionport.bench.load.LoadSpec;
import io.actionport.bench.report.Names;
import io.actionport.bench.target.Target;
import io.actionport.bench.target.TypeScriptReference;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Scenario 1: {@code tools/call} of an echo tool at each concurrency level, against Actionport and
 * each reference, one target at a time, each on a server process of its own.
 */
public final class ToolsCallScenario implements Scenario {

    @Override
    public String name() {
        return "tools-call";
    }

    @Override
    public void run(Bench bench) {
        var targets = bench.targets();
        measure(bench, targets::actionport);
        var typescript = TypeScriptReference.locate(
                bench.settings().node(),
                bench.settings().workDir(),
                !bench.settings().plan().isSmoke());
        typescript
                .found()
                .ifPresentOrElse(
                        reference -> measure(bench, () -> targets.typescript(reference)),
                        () -> bench.report().note("TypeScript reference skipped: " + typescript.reason()));
        measure(bench, targets::servletSdk);
        measure(bench, targets::canned);
    }

    private static void measure(Bench bench, Supplier<Target> start) {
        var plan = bench.settings().plan();
        try (var target = start.get()) {
            bench.awaitQuiet(target.name() + " tools/call");
            bench.report().target(target.name(), target.description());
            bench.report()
                    .machine(
                            "server CPUs (" + target.name() + ")",
                            io.actionport.bench.target.Proc.allowedCpus(
                                    target.process().pid()));
            warmUp(bench, target);
            for (int clients : plan.callClients()) {
                try (var sampler = new ServerSampler(target.process())) {
                    var result = bench.generator()
                            .run(
                                    target.endpoint(),
                                    LoadSpec.echo(clients, plan.callWarmup(), plan.callMeasure()),
                                    sampler);
                    sampler.close();
                    bench.report().add(Rows.of(Names.CALL, target.name(), clients, result, sampler));
                }
            }
        }
    }

    /** The plan's server warm-up, at the top concurrency, not counted. */
    private static void warmUp(Bench bench, Target target) {
        var plan = bench.settings().plan();
        if (plan.serverWarmup().isZero()) {
            return;
        }
        int clients = plan.callClients().getLast();
        try (var sampler = new ServerSampler(target.process())) {
            bench.generator()
                    .run(
                            target.endpoint(),
                            LoadSpec.echo(clients, plan.serverWarmup(), Duration.ofSeconds(1)),
                            sampler);
        }
    }
}
