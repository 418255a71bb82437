package io.actionport.bench.scenario;

import io.actionport.bench.load.LoadSpec;
import io.actionport.bench.report.Names;
import java.util.List;
import java.util.Map;

/** Scenario 2: {@code tools/list} on an environment with many deployed actions (generated no-ops). */
public final class ToolsListScenario implements Scenario {

    @Override
    public String name() {
        return "tools-list";
    }

    @Override
    public void run(Bench bench) {
        var plan = bench.settings().plan();
        int tools = plan.listTools();
        try (var target = bench.targets()
                .actionport("actionport-list", List.of(), Map.of("total-actions", String.valueOf(tools)))) {
            int deployed = target.process().facts().path("actions").asInt();
            var scenario = Names.LIST + " (" + deployed + " tools)";
            for (int clients : plan.listClients()) {
                try (var sampler = new ServerSampler(target.process())) {
                    var result = bench.generator()
                            .run(
                                    target.endpoint(),
                                    LoadSpec.listTools(deployed, clients, plan.callWarmup(), plan.callMeasure()),
                                    sampler);
                    sampler.close();
                    bench.report().add(Rows.of(scenario, Names.ACTIONPORT, clients, result, sampler));
                }
            }
        }
    }
}
