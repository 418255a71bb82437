package io.actionport.server.registry;

import io.actionport.server.ActionportException;
import java.util.List;

/** A bare action name that several integrations of the environment use. */
public final class AmbiguousActionException extends ActionportException {

    private final List<String> candidates;

    public AmbiguousActionException(String name, List<String> candidates) {
        super(
                "ambiguous_action",
                "action name '" + name + "' is used by several integrations: " + candidates
                        + "; name the integration (Provider-Config-Key header) or use the qualified name");
        this.candidates = List.copyOf(candidates);
    }

    public List<String> candidates() {
        return candidates;
    }
}
