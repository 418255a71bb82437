package io.actionport.server.demo;

import io.actionport.server.registry.DeploymentService;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.EnvironmentStore;
import io.actionport.server.store.Integration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private DemoSetup() {}

    /** A fresh random secret, URL-safe, with a prefix that tells which environment it opens. */
    public static String newSecretKey(String environment) {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "ap_" + environment + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Seeds demo mode when no environment exists yet.
     *
     * @param devKey the dev key to use, or null to generate one
     * @return true when this start seeded the store
     */
    public static boolean seedIfEmpty(
            EnvironmentStore environments, ConnectionStore connections, DeploymentService deployments, String devKey) {
        if (!environments.names().isEmpty()) {
            return false;
        }
        environments.create(ENVIRONMENT, devKey == null || devKey.isBlank() ? newSecretKey(ENVIRONMENT) : devKey);
        connections.saveIntegration(
                new Integration(ENVIRONMENT, INTEGRATION, STORED_BASE_URL, AuthScheme.BEARER, null));
        connections.create(new Connection(
                ENVIRONMENT, INTEGRATION, CONNECTION, Map.of("token", newSecretKey("demo")), Map.of("owner", "demo")));
        deployments.deploy(ENVIRONMENT, demoBundle(), List.of());
        return true;
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
