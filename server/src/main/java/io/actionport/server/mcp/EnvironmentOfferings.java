package io.actionport.server.mcp;

import io.actionport.server.registry.ActionRegistry;

/**
 * The prompts, resources and completions of one environment and integration scope: the one engine
 * both protocol eras serve ({@link SessionOfferings} for sessions, {@link OfferingsPort} for
 * stateless requests).
 */
record EnvironmentOfferings(BundlePrompts prompts, BundleResources resources, ArgumentCompletions completions) {

    static EnvironmentOfferings of(String environment, String integration, ActionRegistry registry, ToolRunner runner) {
        var prompts = new BundlePrompts(environment, registry);
        var resources = new BundleResources(environment, integration, registry, runner);
        return new EnvironmentOfferings(
                prompts, resources, new ArgumentCompletions(environment, prompts, resources, registry, runner));
    }
}
