package io.actionport.server.demo;

import io.actionport.server.auth.KeyManagement;
import io.actionport.server.auth.KeyRole;
import io.actionport.server.auth.KeySecrets;
import io.actionport.server.registry.DeploymentService;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.EnvironmentStore;
import io.actionport.server.store.Integration;
import io.actionport.server.store.KeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: on an empty data directory, creates the {@code dev} environment with the {@code demo}
 * integration and connection, and deploys the demo bundle that ships inside the server.
 */
public final class DemoSetup {

    public static final String ENVIRONMENT = "dev";
    public static final String INTEGRATION = "demo";
    public static final String CONNECTION = "demo";
    /** Stored for the record; each process serves the tracker itself and overrides it with its own address. */
    private static final URI STORED_BASE_URL = URI.create("http://127.0.0.1" + DemoIssueTracker.PATH);

    private static final String BUNDLE_RESOURCE = "/bundles/demo-bundle.jar";

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    private DemoSetup() {}

    /** The dev keys made on the first start, with their secrets: printed once, never stored in clear. */
    public record DevKeys(String callerKey, String adminKey) {}

    /**
     * Seeds demo mode when no environment exists yet: {@code dev} with a caller key and an admin key.
     *
     * @param devKey the dev caller key to use, or null to generate one
     * @param devAdminKey the dev admin key to use, or null to generate one
     * @return the dev keys when this start seeded the store
     */
    public static Optional<DevKeys> seedIfEmpty(
            EnvironmentStore environments,
            KeyManagement keys,
            ConnectionStore connections,
            DeploymentService deployments,
            String devKey,
            String devAdminKey) {
        if (!environments.names().isEmpty()) {
            return Optional.empty();
        }
        environments.create(ENVIRONMENT);
        var caller = keys.register(
                ENVIRONMENT, KeyRole.CALLER, orNew(devKey), "dev caller key (first start)", List.of(), null);
        var admin = keys.register(
                ENVIRONMENT, KeyRole.ADMIN, orNew(devAdminKey), "dev admin key (first start)", List.of(), null);
        connections.saveIntegration(
                new Integration(ENVIRONMENT, INTEGRATION, STORED_BASE_URL, AuthScheme.BEARER, null));
        connections.create(new Connection(
                ENVIRONMENT,
                INTEGRATION,
                CONNECTION,
                Map.of("token", KeySecrets.newSecret("demo")),
                Map.of("owner", "demo")));
        deployments.deploy(ENVIRONMENT, demoBundle(), List.of());
        return Optional.of(new DevKeys(caller.secret(), admin.secret()));
    }

    /**
     * On a later start, a dev key set in the configuration ({@code ACTIONPORT_DEV_KEY},
     * {@code ACTIONPORT_DEV_ADMIN_KEY}) that the store has never seen is registered as a new dev key of
     * that role, so the setting is never silently ignored. One the store knows stays as it is: a revoked
     * or expired key is not brought back, and the log says so.
     */
    public static void adoptConfiguredKeys(KeyStore store, KeyManagement keys, String devKey, String devAdminKey) {
        adopt(store, keys, "ACTIONPORT_DEV_KEY", KeyRole.CALLER, devKey);
        adopt(store, keys, "ACTIONPORT_DEV_ADMIN_KEY", KeyRole.ADMIN, devAdminKey);
    }

    private static void adopt(KeyStore store, KeyManagement keys, String variable, KeyRole role, String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        var known = store.findBySecret(secret);
        if (known.isEmpty()) {
            try {
                var added = keys.register(ENVIRONMENT, role, secret, "from " + variable, List.of(), null);
                log.info(
                        "{} was not a key yet: registered it as {} key {} of {}",
                        variable,
                        role.wireName(),
                        added.key().id(),
                        ENVIRONMENT);
            } catch (RuntimeException e) {
                // Another node starting on the same store registered it first.
                log.warn("{} could not be registered as a key: {}", variable, e.getMessage());
            }
            return;
        }
        var key = known.get();
        if (!key.isActive(java.time.Instant.now())) {
            log.warn(
                    "{} is key {}, which is revoked or expired; it stays so. Unset {} or set it to a working key",
                    variable,
                    key.id(),
                    variable);
        } else if (!key.environment().equals(ENVIRONMENT) || !key.role().equals(role.wireName())) {
            log.warn(
                    "{} is key {}, a {} key of {}, not a {} key of {}; it keeps its role",
                    variable,
                    key.id(),
                    key.role(),
                    key.environment(),
                    role.wireName(),
                    ENVIRONMENT);
        }
    }

    private static String orNew(String secret) {
        return secret == null || secret.isBlank() ? KeySecrets.newSecret(ENVIRONMENT) : secret;
    }

    /** The demo tracker's API key: the demo connection's token, when demo mode was seeded. */
    public static Optional<String> trackerKey(ConnectionStore connections) {
        return connections.find(ENVIRONMENT, INTEGRATION, CONNECTION).map(connection -> connection.credential("token"));
    }

    private static byte[] demoBundle() {
        try (var in = DemoSetup.class.getResourceAsStream(BUNDLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the demo bundle " + BUNDLE_RESOURCE + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
