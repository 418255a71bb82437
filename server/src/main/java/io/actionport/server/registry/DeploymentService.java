package io.actionport.server.registry;

import io.actionport.server.ActionportException;
import io.actionport.server.store.Deployment;
import io.actionport.server.store.DeploymentStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
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

    /** The result of a deploy: the stored deploy and the actions it made live. */
    public record Deployed(Deployment deployment, List<DeployedAction> actions) {}

    /**
     * Deploys a bundle jar to an environment.
     *
     * @param only the actions to deploy ({@code name} or {@code integration/name}); empty for all
     */
    public synchronized Deployed deploy(String environment, byte[] jar, List<String> only) {
        var bundle = loader.load(jar);
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
        return new Deployed(deployment, actions);
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
