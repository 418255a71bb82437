package io.actionport.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool and schema of the store: H2 in a file by default, PostgreSQL for many nodes. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final boolean postgres;
    /** Where CHECKPOINT runs: on the embedded store, the admin's own small pool, never handed out. */
    private final HikariDataSource checkpoints;

    private final GroupCommit groupCommit;

    private Database(HikariDataSource dataSource, boolean postgres, HikariDataSource checkpoints) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.checkpoints = checkpoints;
        this.groupCommit = new GroupCommit(this::checkpoint);
    }

    /**
     * The embedded default: the H2 file under the data directory, opened by this process alone,
     * with the store's own passwords, as a user without admin rights.
     */
    public static Database openEmbedded(Path dataDir) {
        var store = EmbeddedStore.prepare(dataDir);
        var checkpoints = pool(
                "actionport-checkpoint",
                store.url(),
                StoreCredentials.OWNER,
                store.credentials().ownerPassword(),
                2);
        try {
            return open(
                    store.url(),
                    StoreCredentials.APPLICATION,
                    store.credentials().applicationPassword(),
                    checkpoints);
        } catch (RuntimeException e) {
            checkpoints.close();
            throw e;
        }
    }

    /**
     * A plain connection to the embedded store in {@code dataDir} as the application user, for tools
     * that inspect a store no process holds.
     */
    public static java.sql.Connection connectEmbedded(Path dataDir) throws java.sql.SQLException {
        var credentials = StoreCredentials.loadOrCreate(dataDir);
        return java.sql.DriverManager.getConnection(
                EmbeddedStore.url(dataDir), StoreCredentials.APPLICATION, credentials.applicationPassword());
    }

    /**
     * Returns once every commit this thread made so far survives the process being killed. On H2
     * a checkpoint writes them to the file, one checkpoint for all the callers waiting at the same
     * time ({@link GroupCommit}); PostgreSQL's commits are durable already. Called before an
     * execution is acknowledged, and before a claimed execution starts.
     */
    public void makeDurable() {
        if (!postgres) {
            groupCommit.awaitDurable();
        }
    }

    /** How many flushes {@link #makeDurable()} ran so far (0 on PostgreSQL). */
    public long flushes() {
        return groupCommit.flushes();
    }

    private void checkpoint() {
        try (var connection = checkpoints.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (java.sql.SQLException e) {
            throw new StoreException("CHECKPOINT", e);
        }
    }

    /** Opens a pool on {@code jdbcUrl} and migrates the schema to the newest version. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(closedByTheServer(jdbcUrl), user, password, null);
    }

    /**
     * An H2 URL whose database the server closes itself, after a graceful stop: H2's own exit hook
     * would close it under the running executions as soon as SIGTERM arrives.
     */
    static String closedByTheServer(String jdbcUrl) {
        var settings = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        // H2 refuses DB_CLOSE_ON_EXIT=FALSE beside AUTO_SERVER: such a URL keeps H2's own behaviour.
        return jdbcUrl.startsWith("jdbc:h2:")
                        && !settings.contains("DB_CLOSE_ON_EXIT")
                        && !settings.contains("AUTO_SERVER")
                ? jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE"
                : jdbcUrl;
    }

    private static Database open(String jdbcUrl, String user, String password, HikariDataSource checkpoints) {
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        if (!postgres && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("unsupported database URL " + jdbcUrl
                    + ": use jdbc:h2:... (embedded) or jdbc:postgresql://host/db");
        }
        var dataSource = pool("actionport", jdbcUrl, user, password, postgres ? 16 : 8);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .placeholders(Map.of("blob", postgres ? "BYTEA" : "BLOB"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, postgres, checkpoints == null ? dataSource : checkpoints);
    }

    private static HikariDataSource pool(String name, String jdbcUrl, String user, String password, int size) {
        var config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        dataSource.close();
        if (checkpoints != dataSource) {
            checkpoints.close();
        }
    }
}
