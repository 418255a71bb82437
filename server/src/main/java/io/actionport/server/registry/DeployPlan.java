package io.actionport.server.registry;

import java.util.List;
import java.util.Map;

/**
 * What a deploy changes in an environment.
 *
 * @param added actions that were not live
 * @param removed actions of the bundle that a whole-bundle deploy takes out
 * @param changed actions whose input or output schema changed
 * @param breaking per action, why its new input schema refuses inputs the old one accepted
 */
public record DeployPlan(
        List<String> added, List<String> removed, List<String> changed, Map<String, List<String>> breaking) {

    public DeployPlan {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        breaking = Map.copyOf(breaking);
    }
}
