package io.actionport.server.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The prompts and resources live in each environment, by the bundle that offers them. A bundle's
 * deploy replaces its offerings and its undeploy removes them; two bundles cannot offer one prompt
 * name or one resource URI. Changed only under the {@link ActionRegistry}'s lock.
 */
final class LiveOfferings {

    private final Map<String, Map<String, BundleOfferings>> byEnvironment = new ConcurrentHashMap<>();

    /** @throws DeploymentConflictException when another bundle of the environment offers one of the same */
    void requireNoConflict(String environment, String bundleName, BundleOfferings offered) {
        var others = new HashMap<>(byEnvironment.getOrDefault(environment, Map.of()));
        others.remove(bundleName);
        others.forEach((holder, held) -> {
            clash(
                    environment,
                    bundleName,
                    holder,
                    "prompt",
                    offered,
                    held,
                    o -> o.prompts().stream().map(p -> p.name()).toList());
            clash(
                    environment,
                    bundleName,
                    holder,
                    "resource",
                    offered,
                    held,
                    o -> o.resources().stream().map(r -> r.uri()).toList());
            clash(
                    environment,
                    bundleName,
                    holder,
                    "resource template",
                    offered,
                    held,
                    o -> o.templates().stream()
                            .map(t -> t.template().uriTemplate())
                            .toList());
        });
    }

    void put(String environment, String bundleName, BundleOfferings offered) {
        var next = new HashMap<>(byEnvironment.getOrDefault(environment, Map.of()));
        if (offered.isEmpty()) {
            next.remove(bundleName);
        } else {
            next.put(bundleName, offered);
        }
        byEnvironment.put(environment, Map.copyOf(next));
    }

    void remove(String environment, String bundleName) {
        put(environment, bundleName, BundleOfferings.NONE);
    }

    /** The environment's offerings by bundle name. */
    Map<String, BundleOfferings> of(String environment) {
        return byEnvironment.getOrDefault(environment, Map.of());
    }

    private static void clash(
            String environment,
            String bundleName,
            String holder,
            String what,
            BundleOfferings offered,
            BundleOfferings held,
            Function<BundleOfferings, List<String>> names) {
        var taken = names.apply(held);
        for (var name : names.apply(offered)) {
            if (taken.contains(name)) {
                throw new DeploymentConflictException(what + " '" + name + "' is already offered in " + environment
                        + " by bundle '" + holder + "'; undeploy that bundle first, or rename it in '" + bundleName
                        + "'");
            }
        }
    }
}
