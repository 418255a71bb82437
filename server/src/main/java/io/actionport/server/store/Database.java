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
    /**
     * The pool of the execution queue's writes that need not survive a crash on their own (its
     * schedules, picks and heartbeats, idempotent claims, retries, task requests). On PostgreSQL its
     * commits return before the WAL reaches the disk ({@code synchronous_commit off}): one that must
     * survive a crash after all is followed by {@link #makeDurable()}; writes that must always
     * survive one go to {@link #durableDataSource()}. On H2 it is {@link #dataSource}.
     */
    private final HikariDataSource queueDataSource;

    private final boolean postgres;
    /** Where flushes run: on the embedded store, the admin's own small pool, never handed out. */
    private final HikariDataSource flushPool;

    /**
     * On H2, the pool that writes synchronous calls' records and nothing else. H2 walks every
     * query a connection keeps parsed on the first write of each table in a transaction (to drop
     * cached results); a connection that only ever inserts keeps no query to walk. That walk was a
     * fifth of each record's insert on the pools that also read. Null on PostgreSQL.
     */
    private final HikariDataSource recordsPool;

    private final GroupCommit<Void> groupCommit;

    private Database(
            HikariDataSource dataSource,
            HikariDataSource queueDataSource,
            boolean postgres,
            HikariDataSource flushPool,
            HikariDataSource recordsPool) {
        this.dataSource = dataSource;
        this.queueDataSource = queueDataSource;
        this.postgres = postgres;
        this.flushPool = flushPool;
        this.recordsPool = recordsPool;
        this.groupCommit = new GroupCommit<>(postgres ? committed -> flushWal() : committed -> checkpoint());
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
     * Returns once every commit this thread made so far survives the process being killed: one
     * flush for all the callers waiting at the same time ({@link GroupCommit}). On H2 a checkpoint
     * writes the commits to the file; on PostgreSQL a small synchronous commit flushes the WAL up
     * to it, and with it every asynchronous commit of the queue's pool before it. Called before an
     * execution is acknowledged, before a write's claimed attempt starts, and when it ends.
     */
    public void makeDurable() {
        groupCommit.submit(null);
    }

    /** How many flushes {@link #makeDurable()} ran so far. */
    public long flushes() {
        return groupCommit.runs();
    }

    /**
     * A synchronous commit that writes WAL, so PostgreSQL flushes the WAL up to its commit record
     * (a transaction that writes nothing is not flushed). Each node counts on its own row.
     */
    private void flushWal() {
        try (var connection = flushPool.getConnection();
                var statement = connection.prepareStatement("INSERT INTO flush_marks (node, flushes) VALUES (?, 1) "
                        + "ON CONFLICT (node) DO UPDATE SET flushes = flush_marks.flushes + 1")) {
            statement.setString(1, FLUSH_MARK);
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new StoreException("flushing the write-ahead log", e);
        }
    }

    /** This process's row in flush_marks. */
    private static final String FLUSH_MARK = java.util.UUID.randomUUID().toString();

    private void checkpoint() {
        try (var connection = flushPool.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (java.sql.SQLException e) {
            throw new StoreException("CHECKPOINT", e);
        }
    }

    /** Opens a pool on {@code jdbcUrl} and migrates the schema to the newest version. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(withH2Settings(jdbcUrl), user, password, null);
    }

    /**
     * An H2 URL with the settings the server relies on, unless the URL sets them itself: the
     * database is closed by the server, after a graceful stop (H2's own exit hook would close it
     * under the running executions as soon as SIGTERM arrives), and each connection keeps its
     * parsed statements (H2 keeps 8 by default, fewer than the queue's hot path uses, and parses
     * the others again on every call). Other URLs are returned as they are.
     */
    static String withH2Settings(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return jdbcUrl;
        }
        var settings = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        var url = new StringBuilder(jdbcUrl);
        // H2 refuses DB_CLOSE_ON_EXIT=FALSE beside AUTO_SERVER: such a URL keeps H2's own behaviour.
        if (!settings.contains("DB_CLOSE_ON_EXIT") && !settings.contains("AUTO_SERVER")) {
            url.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        if (!settings.contains("QUERY_CACHE_SIZE")) {
            url.append(";QUERY_CACHE_SIZE=").append(PARSED_STATEMENTS_KEPT);
        }
        return url.toString();
    }

    /**
     * Parsed statements H2 keeps per connection: the hot path's statements (the store's and the
     * queue's) with room. Not many more: H2 walks every kept query on the first write of each table
     * in a transaction.
     */
    private static final int PARSED_STATEMENTS_KEPT = 32;

    private static Database open(String jdbcUrl, String user, String password, HikariDataSource checkpoints) {
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        if (!postgres && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("unsupported database URL " + jdbcUrl
                    + ": use jdbc:h2:... (embedded) or jdbc:postgresql://host/db");
        }
        var dataSource = pool("actionport", jdbcUrl, user, password, postgres ? 16 : 8, null);
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
        if (!postgres) {
            try {
                var records = pool("actionport-records", jdbcUrl, user, password, 4);
                return new Database(
                        dataSource, dataSource, false, checkpoints == null ? dataSource : checkpoints, records);
            } catch (RuntimeException e) {
                dataSource.close();
                throw e;
            }
        }
        try {
            var queue = pool("actionport-queue", jdbcUrl, user, password, 16, "SET synchronous_commit TO off");
            return new Database(dataSource, queue, true, dataSource, null);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String name, String jdbcUrl, String user, String password, int size) {
        return pool(name, jdbcUrl, user, password, size, null);
    }

    private static HikariDataSource pool(
            String name, String jdbcUrl, String user, String password, int size, String initSql) {
        var config = new HikariConfig();
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
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

    /** The pool for the execution queue's writes; see {@link #queueDataSource}. */
    public DataSource queueDataSource() {
        return queueDataSource;
    }

    /**
     * The pool for writes that must be on disk when they return: on PostgreSQL {@link #dataSource},
     * whose commits wait for the WAL flush (PostgreSQL shares one flush among the commits that wait
     * at the same time); on H2, where no commit waits for the disk, the one pool, and such writes are
     * followed by {@link #makeDurable()} ({@link #commitsAreDurable()} tells which).
     */
    public DataSource durableDataSource() {
        return dataSource;
    }

    /**
     * Where synchronous calls' records are written: on H2 a pool of its own ({@link #recordsPool});
     * on PostgreSQL {@link #durableDataSource()} for a record that must be on disk before its answer,
     * else {@link #queueDataSource()}.
     */
    public DataSource recordsDataSource(boolean durable) {
        return recordsPool != null ? recordsPool : durable ? durableDataSource() : queueDataSource;
    }

    /** Whether a commit on {@link #durableDataSource()} is on disk when it returns (PostgreSQL). */
    public boolean commitsAreDurable() {
        return postgres;
    }

    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        if (queueDataSource != dataSource) {
            queueDataSource.close();
        }
        if (recordsPool != null) {
            recordsPool.close();
        }
        dataSource.close();
        if (flushPool != dataSource) {
            flushPool.close();
        }
    }
}
