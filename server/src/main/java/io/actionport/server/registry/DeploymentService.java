package io.actionport.server.registry;

import io.actionport.server.ActionportException;
import io.actionport.server.store.Deployment;
import io.actionport.server.store.DeploymentStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys bundle jars durably (stores the jar and the deploy, then makes the actions live), and
 * keeps this process's registry in step with deploys that other processes made: other nodes on
 * the same database, or the server beside an {@code actionport mcp} process.
 */
public final class DeploymentService {

    private static final Logger log = LoggerFactory.getLogger(DeploymentService.class);

    private final DeploymentStore store;
    private final BundleLoader loader;
    private final ActionRegistry registry;
    private Set<Long> applied = Set.of();
    private Set<String> appliedBundles = Set.of();

    public DeploymentService(DeploymentStore store, BundleLoader loader, ActionRegistry registry) {
        this.store = store;
        this.loader = loader;
        this.registry = registry;
    }

    /** The result of a deploy: the stored deploy, the actions it made live, and what changed. */
    public record Deployed(Deployment deployment, List<DeployedAction> actions, DeployPlan plan) {}

    /**
     * Deploys a bundle jar to an environment.
     *
     * @param only the actions to deploy ({@code name} or {@code integration/name}); empty for all
     * @param allowBreaking whether input-schema changes that break current callers may go live
     * @throws BreakingChangeException when they would and {@code allowBreaking} is false
     */
    public synchronized Deployed deploy(String environment, byte[] jar, List<String> only, boolean allowBreaking) {
        var bundle = loader.load(jar);
        var before = registry.actions(environment).stream()
                .filter(action -> action.bundleName().equals(bundle.name()))
                .collect(Collectors.toMap(DeployedAction::qualifiedName, action -> action));
        var candidates = (only.isEmpty()
                        ? bundle.actions().stream()
                                .map(a -> a.descriptor().qualifiedName())
                                .toList()
                        : only)
                .stream()
                        .map(name -> registry.compileDetached(environment, bundle, name))
                        .toList();
        if (only.isEmpty()) {
            BundleNameCollision.refuseStranger(
                    environment,
                    bundle.name(),
                    before.keySet(),
                    candidates.stream().map(DeployedAction::qualifiedName).toList());
        }
        var plan = plan(before, candidates, only.isEmpty());
        if (!plan.breaking().isEmpty() && !allowBreaking) {
            throw new BreakingChangeException(plan.breaking());
        }
        // Make it live first: a conflict must leave no trace in the store.
        var actions = registry.deploy(environment, bundle, only);
        store.saveBundle(bundle.sha256(), bundle.name(), bundle.version(), jar);
        var names = only.isEmpty()
                ? List.<String>of()
                : actions.stream().map(DeployedAction::qualifiedName).toList();
        var deployment = store.deploy(environment, bundle.name(), bundle.sha256(), names);
        remember(store.active());
        log.info(
                "deployed bundle {} v{} to {}: {}",
                bundle.name(),
                deployment.version(),
                environment,
                actions.stream().map(DeployedAction::qualifiedName).toList());
        return new Deployed(deployment, actions, plan);
    }

    /** The qualified names of a bundle's actions of one integration, for deploying just those. */
    public List<String> actionsOf(byte[] jar, String integration) {
        var names = loader.load(jar).actions().stream()
                .map(action -> action.descriptor())
                .filter(descriptor -> descriptor.integration().equals(integration))
                .map(descriptor -> descriptor.qualifiedName())
                .toList();
        if (names.isEmpty()) {
            throw new DeploymentConflictException("the bundle has no actions of integration '" + integration + "'");
        }
        return names;
    }

    /** One action of a bundle jar, compiled but not deployed: for dry runs. */
    public DeployedAction compileUndeployed(String environment, byte[] jar, String actionName) {
        return registry.compileDetached(environment, loader.load(jar), actionName);
    }

    /** Deploys a bundle jar, refusing breaking input-schema changes. */
    public Deployed deploy(String environment, byte[] jar, List<String> only) {
        return deploy(environment, jar, only, false);
    }

    /**
     * Puts an earlier version of one action back live, as a new deploy.
     *
     * @param toVersion the bundle deploy version to take the action from, or null for the one before the live one
     */
    public synchronized Deployed rollback(String environment, String actionName, Integer toVersion) {
        var live = registry.find(environment, null, actionName)
                .orElseThrow(() -> new DeploymentConflictException(
                        "no action '" + actionName + "' is live in " + environment + " to roll back"));
        var history = store.history(environment, live.bundleName()).stream()
                .filter(deployment ->
                        deployment.actions().isEmpty() || deployment.actions().contains(live.qualifiedName()))
                .toList();
        if (history.isEmpty()) {
            // Deployed in-process rather than from a stored jar: nothing to take an older version from.
            throw new DeploymentConflictException("bundle '" + live.bundleName() + "' has no stored versions with "
                    + live.qualifiedName() + " in " + environment + " to roll back to");
        }
        var current = history.getLast();
        var target = toVersion == null
                ? (history.size() < 2 ? null : history.get(history.size() - 2))
                : history.stream()
                        .filter(d -> d.version() == toVersion)
                        .findFirst()
                        .orElse(null);
        if (target == null) {
            throw new DeploymentConflictException("bundle '" + live.bundleName() + "' has no "
                    + (toVersion == null ? "earlier version" : "version " + toVersion) + " with " + live.qualifiedName()
                    + " in " + environment + "; versions: "
                    + history.stream().map(Deployment::version).toList());
        }
        var jar = store.bundleJar(target.bundleSha256()).orElseThrow();
        log.info(
                "rolling {} in {} back from v{} to v{}",
                live.qualifiedName(),
                environment,
                current.version(),
                target.version());
        return deploy(environment, jar, List.of(live.qualifiedName()), true);
    }

    private static DeployPlan plan(
            Map<String, DeployedAction> before, List<DeployedAction> after, boolean wholeBundle) {
        var added = new ArrayList<String>();
        var changed = new ArrayList<String>();
        var breaking = new TreeMap<String, List<String>>();
        for (var action : after) {
            var old = before.get(action.qualifiedName());
            if (old == null) {
                added.add(action.qualifiedName());
                continue;
            }
            if (!old.inputSchema().json().equals(action.inputSchema().json())
                    || !old.outputSchema().json().equals(action.outputSchema().json())) {
                changed.add(action.qualifiedName());
            }
            var reasons = SchemaChanges.breaking(
                    old.inputSchema().json(), action.inputSchema().json());
            if (!reasons.isEmpty()) {
                breaking.put(action.qualifiedName(), reasons);
            }
        }
        var kept = after.stream().map(DeployedAction::qualifiedName).collect(Collectors.toSet());
        var removed = wholeBundle
                ? before.keySet().stream()
                        .filter(name -> !kept.contains(name))
                        .sorted()
                        .toList()
                : List.<String>of();
        return new DeployPlan(added, removed, changed, breaking);
    }

    /** Takes a bundle out of an environment; true when it was deployed there. */
    public synchronized boolean undeploy(String environment, String bundleName) {
        boolean stored = store.undeploy(environment, bundleName);
        boolean live = registry.undeploy(environment, bundleName);
        remember(store.active());
        return stored || live;
    }

    /** Makes every stored live deploy live here, after a start. */
    public void restore() {
        syncFromStore();
    }

    /**
     * Applies deploys and undeploys recorded in the store since the last look: a bundle with a new
     * deploy is re-applied in order, a bundle with no live deploy left is taken out.
     */
    public synchronized void syncFromStore() {
        var active = store.active();
        var ids = active.stream().map(Deployment::id).collect(Collectors.toSet());
        if (ids.equals(applied)) {
            return;
        }
        var byBundle = new LinkedHashMap<String, List<Deployment>>();
        for (var deployment : active) {
            byBundle.computeIfAbsent(
                            key(deployment.environment(), deployment.bundleName()), k -> new java.util.ArrayList<>())
                    .add(deployment);
        }
        for (var gone : appliedBundles) {
            if (!byBundle.containsKey(gone)) {
                var parts = gone.split("/", 2);
                registry.undeploy(parts[0], parts[1]);
            }
        }
        for (var deployments : byBundle.values()) {
            if (deployments.stream().anyMatch(d -> !applied.contains(d.id()))) {
                deployments.forEach(this::apply);
            }
        }
        remember(active);
    }

    private void apply(Deployment deployment) {
        try {
            var jar = store.bundleJar(deployment.bundleSha256())
                    .orElseThrow(() -> new IllegalStateException("deployment " + deployment.id() + " names bundle "
                            + deployment.bundleSha256() + " which the store lacks"));
            registry.deploy(deployment.environment(), loader.load(jar), deployment.actions());
        } catch (ActionportException | IllegalStateException e) {
            log.error(
                    "cannot apply deployment {} of bundle {} to {}: {}",
                    deployment.id(),
                    deployment.bundleName(),
                    deployment.environment(),
                    e.getMessage());
        }
    }

    private void remember(List<Deployment> active) {
        applied = active.stream().map(Deployment::id).collect(Collectors.toUnmodifiableSet());
        var bundles = new HashSet<String>();
        active.forEach(d -> bundles.add(key(d.environment(), d.bundleName())));
        appliedBundles = Set.copyOf(bundles);
    }

    private static String key(String environment, String bundleName) {
        return environment + "/" + bundleName;
    }
}
