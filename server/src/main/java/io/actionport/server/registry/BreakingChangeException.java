package io.actionport.server.registry;

import io.actionport.server.ActionportException;
import java.util.List;
import java.util.Map;

/** A deploy would make callers' current inputs invalid, and was not allowed to. */
public final class BreakingChangeException extends ActionportException {

    private final Map<String, List<String>> breaking;

    public BreakingChangeException(Map<String, List<String>> breaking) {
        super(
                "breaking_change",
                "the deploy changes input schemas in ways current callers break on: " + breaking
                        + "; deploy again with --allow-breaking (allow_breaking=true) if that is intended");
        this.breaking = Map.copyOf(breaking);
    }

    public Map<String, List<String>> breaking() {
        return breaking;
    }
}
