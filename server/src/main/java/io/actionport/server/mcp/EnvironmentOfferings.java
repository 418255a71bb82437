package io.actionport.server.mcp;

import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.registry.BundleOfferings;
import io.actionport.server.registry.DeployedAction;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The prompts, resources and completions of one environment and integration scope: the one engine
 * both protocol eras serve ({@link SessionOfferings} for sessions, {@link OfferingsPort} for
 * stateless requests).
 */
record EnvironmentOfferings(BundlePrompts prompts, BundleResources resources, ArgumentCompletions completions) {

    static EnvironmentOfferings of(String environment, String integration, ActionRegistry registry, ToolRunner runner) {
        var prompts = new BundlePrompts(environment, integration, registry);
        var resources = new BundleResources(environment, integration, registry, runner);
        return new EnvironmentOfferings(
                prompts, resources, new ArgumentCompletions(environment, prompts, resources, registry, runner));
    }

    /**
     * The offerings a scope sees: all of the environment's, or, for a session limited to one
     * integration, those of the bundles that deploy actions of it.
     */
    static List<BundleOfferings> visible(ActionRegistry registry, String environment, String integration) {
        var offered = registry.offerings(environment);
        if (integration == null) {
            return List.copyOf(offered.values());
        }
        var bundles = registry.actions(environment).stream()
                .filter(action -> action.integration().equals(integration))
                .map(DeployedAction::bundleName)
                .collect(Collectors.toSet());
        return offered.entrySet().stream()
                .filter(entry -> bundles.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }
}
