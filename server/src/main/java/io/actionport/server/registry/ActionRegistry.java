package io.actionport.server.registry;

import io.actionport.sdk.Action;
import io.actionport.server.schema.JsonSchemaCompiler;
import io.actionport.server.schema.RecordSchemaGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The actions live in each environment. Reads are lock-free snapshots; deploys replace an
 * environment's snapshot atomically and tell listeners which environment changed.
 */
public final class ActionRegistry {

    private static final String SCHEMA_DIR = "META-INF/actionport/schemas/";

    private final RecordSchemaGenerator generator = new RecordSchemaGenerator();
    private final JsonSchemaCompiler compiler = new JsonSchemaCompiler();
    private final Map<String, Map<String, DeployedAction>> byEnvironment = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final LiveOfferings offerings = new LiveOfferings();

    /** Calls {@code listener} with the environment's name after each change to its actions. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * Makes a bundle's actions live in an environment. Deploying the whole bundle replaces its earlier
     * deploy; deploying named actions replaces only those and leaves the bundle's others live.
     *
     * @param only the names ({@code name} or {@code integration/name}) to deploy, or empty for all
     * @return the actions now live from this bundle
     * @throws DeploymentConflictException when another bundle holds one of the action names, or
     *     {@code only} names an action the bundle lacks
     */
    public synchronized List<DeployedAction> deploy(String environment, Bundle bundle, List<String> only) {
        var chosen = choose(bundle, only);
        var replaced = chosen.stream()
                .map(action -> action.descriptor().qualifiedName())
                .toList();
        var current = byEnvironment.getOrDefault(environment, Map.of());
        // A whole-bundle deploy replaces the bundle's prompts and resources; one of named actions keeps the live ones.
        boolean bundleLive =
                current.values().stream().anyMatch(action -> action.bundleName().equals(bundle.name()));
        boolean replacesOfferings = only.isEmpty() || !bundleLive;
        if (replacesOfferings) {
            offerings.requireNoConflict(environment, bundle.name(), bundle.offerings());
        }
        var next = new LinkedHashMap<String, DeployedAction>();
        current.forEach((name, action) -> {
            // A whole-bundle deploy replaces all of the bundle's actions; a one-action deploy only that one.
            boolean replacedByThisDeploy =
                    action.bundleName().equals(bundle.name()) && (only.isEmpty() || replaced.contains(name));
            if (!replacedByThisDeploy) {
                next.put(name, action);
            }
        });
        var deployed = new ArrayList<DeployedAction>();
        for (var action : chosen) {
            var qualifiedName = action.descriptor().qualifiedName();
            var holder = next.get(qualifiedName);
            if (holder != null) {
                throw new DeploymentConflictException("action " + qualifiedName + " is already deployed in "
                        + environment + " by bundle '" + holder.bundleName() + "'; undeploy that bundle first");
            }
            var live = compile(environment, bundle.name(), action);
            next.put(qualifiedName, live);
            deployed.add(live);
        }
        byEnvironment.put(environment, Map.copyOf(next));
        if (replacesOfferings) {
            offerings.put(environment, bundle.name(), bundle.offerings());
        }
        listeners.forEach(listener -> listener.accept(environment));
        return deployed;
    }

    /** Takes a bundle's actions out of an environment; true when it had any there. */
    public synchronized boolean undeploy(String environment, String bundleName) {
        var current = byEnvironment.getOrDefault(environment, Map.of());
        var next = new HashMap<>(current);
        next.values().removeIf(action -> action.bundleName().equals(bundleName));
        boolean offered = offerings.of(environment).containsKey(bundleName);
        if (next.size() == current.size() && !offered) {
            return false;
        }
        byEnvironment.put(environment, Map.copyOf(next));
        offerings.remove(environment, bundleName);
        listeners.forEach(listener -> listener.accept(environment));
        return true;
    }

    /** An action of a bundle with its schemas compiled, without deploying it: for dry runs. */
    public DeployedAction compileDetached(String environment, Bundle bundle, String name) {
        var matches = choose(bundle, List.of(name));
        return compile(environment, bundle.name(), matches.getFirst());
    }

    /** The environment's live actions, sorted by qualified name. */
    public List<DeployedAction> actions(String environment) {
        return byEnvironment.getOrDefault(environment, Map.of()).values().stream()
                .sorted(Comparator.comparing(DeployedAction::qualifiedName))
                .toList();
    }

    /** The prompts and resources live in the environment, by the bundle that offers them. */
    public Map<String, BundleOfferings> offerings(String environment) {
        return offerings.of(environment);
    }

    /**
     * Finds an action by name: {@code name} within {@code integration} when it is given, else a
     * qualified {@code integration/name} or a bare name that only one integration uses.
     */
    public Optional<DeployedAction> find(String environment, String integration, String name) {
        var actions = byEnvironment.getOrDefault(environment, Map.of());
        if (integration != null) {
            return Optional.ofNullable(actions.get(integration + "/" + name));
        }
        var qualified = actions.get(name);
        if (qualified != null) {
            return Optional.of(qualified);
        }
        var matches = actions.values().stream()
                .filter(action -> action.name().equals(name))
                .toList();
        if (matches.size() > 1) {
            throw new AmbiguousActionException(
                    name,
                    matches.stream().map(DeployedAction::qualifiedName).sorted().toList());
        }
        return matches.stream().findFirst();
    }

    private static List<Action<?, ?>> choose(Bundle bundle, List<String> only) {
        if (only.isEmpty()) {
            return bundle.actions();
        }
        var chosen = new ArrayList<Action<?, ?>>();
        for (var name : only) {
            var match = bundle.actions().stream()
                    .filter(action -> action.descriptor().qualifiedName().equals(name)
                            || action.descriptor().name().equals(name))
                    .toList();
            if (match.size() != 1) {
                throw new DeploymentConflictException("bundle '" + bundle.name() + "' has "
                        + (match.isEmpty() ? "no" : "more than one") + " action named '" + name + "'; it has "
                        + bundle.actions().stream()
                                .map(action -> action.descriptor().qualifiedName())
                                .toList());
            }
            chosen.add(match.getFirst());
        }
        return chosen;
    }

    @SuppressWarnings("unchecked")
    private DeployedAction compile(String environment, String bundleName, Action<?, ?> action) {
        var descriptor = action.descriptor();
        var loader = action.getClass().getClassLoader();
        var input = explicitSchema(loader, descriptor.name() + ".input.json")
                .orElseGet(() -> generator.generate(descriptor.inputType()));
        var output = explicitSchema(loader, descriptor.name() + ".output.json")
                .orElseGet(() -> generator.generate(descriptor.outputType()));
        return new DeployedAction(
                environment,
                bundleName,
                (Action<Object, Object>) action,
                compiler.compile(input),
                compiler.compile(output));
    }

    /** A schema file shipped in the bundle overrides the generated one. */
    private static Optional<ObjectNode> explicitSchema(ClassLoader loader, String file) {
        try (var in = loader.getResourceAsStream(SCHEMA_DIR + file)) {
            if (in == null) {
                return Optional.empty();
            }
            var node = io.actionport.server.store.Json.MAPPER.readTree(in);
            if (!(node instanceof ObjectNode object)) {
                throw new DeploymentConflictException(SCHEMA_DIR + file + " must hold a JSON object schema");
            }
            return Optional.of(object);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_DIR + file, e);
        }
    }
}
