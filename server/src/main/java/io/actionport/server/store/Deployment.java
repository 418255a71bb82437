package io.actionport.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One deploy of a bundle to an environment.
 *
 * @param id the deployment id
 * @param environment the environment
 * @param bundleName the bundle's name, from its manifest
 * @param version the deploy's number for this bundle in this environment, from 1
 * @param bundleSha256 the bundle jar's hash
 * @param actions the actions deployed, {@code integration/name}; empty means all of the bundle's
 * @param deployedAt when it was deployed
 */
public record Deployment(
        long id,
        String environment,
        String bundleName,
        int version,
        String bundleSha256,
        List<String> actions,
        Instant deployedAt) {

    public Deployment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(bundleName, "bundleName");
        actions = List.copyOf(actions);
    }
}
