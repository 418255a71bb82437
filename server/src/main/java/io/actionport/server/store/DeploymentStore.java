package io.actionport.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Bundle jars, stored once by hash, and the deploys of them to environments. */
public final class DeploymentStore {

    private final Jdbc jdbc;
    private final Clock clock;

    public DeploymentStore(Database database, Clock clock) {
        this.jdbc = new Jdbc(database.dataSource());
        this.clock = clock;
    }

    /** Stores a bundle jar unless a jar with the same hash is stored already. */
    public void saveBundle(String sha256, String name, String version, byte[] jar) {
        jdbc.inTransaction(connection -> {
            var known = Jdbc.query(connection, "SELECT sha256 FROM bundles WHERE sha256 = ?", row -> 1, sha256);
            if (known.isEmpty()) {
                Jdbc.update(
                        connection,
                        "INSERT INTO bundles (sha256, name, version, jar, created_at) VALUES (?, ?, ?, ?, ?)",
                        sha256,
                        name,
                        version,
                        jar,
                        clock.instant());
            }
            return null;
        });
    }

    public Optional<byte[]> bundleJar(String sha256) {
        return jdbc.queryOne("SELECT jar FROM bundles WHERE sha256 = ?", row -> row.getBytes(1), sha256);
    }

    /**
     * Records a new active deploy of the bundle. Deploying all its actions retires earlier deploys
     * of the bundle; deploying named actions keeps them, and on restore later deploys win.
     */
    public Deployment deploy(String environment, String bundleName, String sha256, List<String> actions) {
        var now = clock.instant();
        return jdbc.inTransaction(connection -> {
            int version = Jdbc.query(
                                    connection,
                                    "SELECT COALESCE(MAX(version), 0) FROM deployments WHERE environment = ? AND bundle_name = ?",
                                    row -> row.getInt(1),
                                    environment,
                                    bundleName)
                            .getFirst()
                    + 1;
            long id = Jdbc.query(connection, "SELECT COALESCE(MAX(id), 0) FROM deployments", row -> row.getLong(1))
                            .getFirst()
                    + 1;
            if (actions.isEmpty()) {
                // A whole-bundle deploy supersedes every earlier one; a one-action deploy layers on top.
                Jdbc.update(
                        connection,
                        "UPDATE deployments SET active = FALSE WHERE environment = ? AND bundle_name = ?",
                        environment,
                        bundleName);
            }
            Jdbc.update(
                    connection,
                    "INSERT INTO deployments (id, environment, bundle_name, version, bundle_sha256, actions, active, "
                            + "deployed_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)",
                    id,
                    environment,
                    bundleName,
                    version,
                    sha256,
                    String.join(",", actions),
                    now);
            return new Deployment(id, environment, bundleName, version, sha256, actions, now);
        });
    }

    /** Takes a bundle's live deploy out of the environment; true when there was one. */
    public boolean undeploy(String environment, String bundleName) {
        return jdbc.update(
                        "UPDATE deployments SET active = FALSE WHERE environment = ? AND bundle_name = ? AND active = TRUE",
                        environment,
                        bundleName)
                > 0;
    }

    /** Every deploy of a bundle to an environment, live or not, oldest first. */
    public List<Deployment> history(String environment, String bundleName) {
        return jdbc.query(
                "SELECT * FROM deployments WHERE environment = ? AND bundle_name = ? ORDER BY version",
                DeploymentStore::deployment,
                environment,
                bundleName);
    }

    /** The live deploys of every environment, oldest first. */
    public List<Deployment> active() {
        return jdbc.query("SELECT * FROM deployments WHERE active = TRUE ORDER BY id", DeploymentStore::deployment);
    }

    private static Deployment deployment(ResultSet row) throws SQLException {
        var actions = row.getString("actions");
        return new Deployment(
                row.getLong("id"),
                row.getString("environment"),
                row.getString("bundle_name"),
                row.getInt("version"),
                row.getString("bundle_sha256"),
                actions.isEmpty() ? List.of() : Arrays.asList(actions.split(",")),
                Jdbc.instant(row, "deployed_at"));
    }
}
