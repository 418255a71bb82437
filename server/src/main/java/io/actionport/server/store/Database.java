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
    private final GroupCommit groupCommit;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.groupCommit = new GroupCommit(this::checkpoint);
    }

    /** The embedded default: an H2 file under the data directory, shareable by a CLI process. */
    public static String embeddedUrl(Path dataDir) {
        // AUTO_SERVER lets `actionport mcp` (stdio) open the same file while `serve` runs. H2 writes
        // commits to the file in the background; what must survive a kill -9 is written at once by
        // makeDurable(), so ordinary commits (sync records, progress) keep their speed.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("actionport") + ";AUTO_SERVER=TRUE";
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
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (java.sql.SQLException e) {
            throw new StoreException("CHECKPOINT", e);
        }
    }

    /** Opens a pool on {@code jdbcUrl} and migrates the schema to the newest version. */
    public static Database open(String jdbcUrl, String user, String password) {
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        if (!postgres && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("unsupported database URL " + jdbcUrl
                    + ": use jdbc:h2:... (embedded) or jdbc:postgresql://host/db");
        }
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("actionport");
        config.setMaximumPoolSize(postgres ? 16 : 8);
        var dataSource = new HikariDataSource(config);
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
        return new Database(dataSource, postgres);
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
    }
}
