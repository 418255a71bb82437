package io.actionport.server.registry;

import io.actionport.server.store.Deployment;
import io.actionport.server.store.DeploymentStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deploys bundle jars durably: stores the jar and the deploy, then makes the actions live. */
public final class DeploymentService {

    private static final Logger log = LoggerFactory.getLogger(DeploymentService.class);

    private final DeploymentStore store;
    private final BundleLoader loader;
    private final ActionRegistry registry;

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
    public Deployed deploy(String environment, byte[] jar, List<String> only) {
        var bundle = loader.load(jar);
        // Make it live first: a conflict must leave no trace in the store.
        var actions = registry.deploy(environment, bundle, only);
        store.saveBundle(bundle.sha256(), bundle.name(), bundle.version(), jar);
        var names = only.isEmpty()
                ? List.<String>of()
                : actions.stream().map(DeployedAction::qualifiedName).toList();
        var deployment = store.deploy(environment, bundle.name(), bundle.sha256(), names);
        log.info(
                "deployed bundle {} v{} to {}: {}",
                bundle.name(),
                deployment.version(),
                environment,
                actions.stream().map(DeployedAction::qualifiedName).toList());
        return new Deployed(deployment, actions);
    }

    /** Takes a bundle out of an environment; true when it was deployed there. */
    public boolean undeploy(String environment, String bundleName) {
        boolean stored = store.undeploy(environment, bundleName);
        boolean live = registry.undeploy(environment, bundleName);
        return stored || live;
    }

    /** Makes every stored live deploy live again, after a start. */
    public void restore() {
        for (var deployment : store.active()) {
            var jar = store.bundleJar(deployment.bundleSha256())
                    .orElseThrow(() -> new IllegalStateException("deployment " + deployment.id() + " names bundle "
                            + deployment.bundleSha256() + " which the store lacks"));
            registry.deploy(deployment.environment(), loader.load(jar), deployment.actions());
        }
    }
}
