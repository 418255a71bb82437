package io.actionport.server.registry;

import io.actionport.sdk.Action;
import io.actionport.sdk.PromptsAndResources;
import java.util.List;
import java.util.Objects;

/**
 * A set of actions shipped together, with the class loader they were loaded by.
 *
 * @param name the bundle's name, from the {@code Actionport-Bundle} manifest attribute
 * @param version the bundle's version
 * @param sha256 the jar's hash, or {@code null} for a bundle built in memory (tests, embedding)
 * @param actions the actions the bundle provides
 * @param offerings the prompts and resources it offers MCP clients
 */
public record Bundle(
        String name, String version, String sha256, List<Action<?, ?>> actions, BundleOfferings offerings) {

    public Bundle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        actions = List.copyOf(actions);
        Objects.requireNonNull(offerings, "offerings");
    }

    /** A bundle of actions only. */
    public Bundle(String name, String version, String sha256, List<Action<?, ?>> actions) {
        this(name, version, sha256, actions, BundleOfferings.NONE);
    }

    /** A bundle of action instances already on the class path, for tests and in-process embedding. */
    public static Bundle of(String name, Action<?, ?>... actions) {
        return new Bundle(name, "0", null, List.of(actions));
    }

    /** A bundle of actions with prompts and resources, already on the class path. */
    public static Bundle of(String name, PromptsAndResources offered, Action<?, ?>... actions) {
        var list = List.<Action<?, ?>>of(actions);
        return new Bundle(name, "0", null, list, BundleOfferings.of(name, offered, list));
    }
}
