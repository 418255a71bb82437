package io.actionport.server.registry;

import java.util.Collection;
import java.util.List;

/**
 * Decides whether a whole-bundle deploy is another project that happens to share a live bundle's
 * name: then it would silently take every action of that bundle offline, and it is refused.
 *
 * <p>A bundle that keeps at least one of the live bundle's actions is a new version of it; one that
 * keeps none is a stranger. Deploying named actions ({@code --action}) never removes others, so it
 * is never a collision.
 */
final class BundleNameCollision {

    private BundleNameCollision() {}

    /**
     * @param live the qualified names of the live actions of the bundle with this name
     * @param incoming the qualified names of the incoming bundle's actions
     * @throws DeploymentConflictException when both have actions and share none
     */
    static void refuseStranger(String environment, String bundleName, Collection<String> live, List<String> incoming) {
        if (live.isEmpty() || incoming.isEmpty() || incoming.stream().anyMatch(live::contains)) {
            return;
        }
        throw new DeploymentConflictException("bundle '" + bundleName + "' is already deployed in " + environment
                + " with actions " + live.stream().sorted().toList() + ", and this bundle '" + bundleName
                + "' has none of them but " + incoming.stream().sorted().toList()
                + ": two projects share one name. Give this one its own name (its pom.xml artifactId, or"
                + " Actionport-Bundle in its manifest), or, to replace the deployed one, run 'actionport undeploy "
                + bundleName + " " + environment + "' first");
    }
}
