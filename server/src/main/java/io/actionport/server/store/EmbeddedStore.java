package io.actionport.server.store;

import io.actionport.server.ActionportException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 file and its users. No TCP server: only the process that opens the file can use
 * it. The store's admin ({@value StoreCredentials#OWNER}) only creates the application user
 * ({@value StoreCredentials#APPLICATION}), which may change the schema and its rows but, without
 * admin rights, cannot read or write files, link other databases, or define Java functions.
 */
final class EmbeddedStore {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

    private final Path dataDir;
    private final StoreCredentials credentials;

    private EmbeddedStore(Path dataDir, StoreCredentials credentials) {
        this.dataDir = dataDir;
        this.credentials = credentials;
    }

    /**
     * Makes sure the store in {@code dataDir} has its users: creates the store on first start, and
     * sets passwords on a store an older version created with the empty user and password.
     */
    static EmbeddedStore prepare(Path dataDir) {
        var store = new EmbeddedStore(dataDir, StoreCredentials.loadOrCreate(dataDir));
        try (var owner = store.connectAsOwner()) {
            execute(
                    owner,
                    "CREATE USER IF NOT EXISTS " + StoreCredentials.APPLICATION + " PASSWORD '"
                            + store.credentials.applicationPassword() + "'");
            execute(owner, "GRANT ALTER ANY SCHEMA TO " + StoreCredentials.APPLICATION);
        } catch (SQLException e) {
            throw store.failure(e);
        }
        return store;
    }

    String url() {
        return url(dataDir);
    }

    static String url(Path dataDir) {
        // H2 writes commits to the file in the background; what must survive a kill -9 is written at
        // once by Database.makeDurable(), so ordinary commits keep their speed.
        return Database.withH2Settings(
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("actionport"));
    }

    StoreCredentials credentials() {
        return credentials;
    }

    private Connection connectAsOwner() throws SQLException {
        try {
            return DriverManager.getConnection(url(), StoreCredentials.OWNER, credentials.ownerPassword());
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw e;
            }
            setPasswordsOnLegacyStore();
            return DriverManager.getConnection(url(), StoreCredentials.OWNER, credentials.ownerPassword());
        }
    }

    /** A store made before per-store passwords: its only user is the empty one, an admin without password. */
    private void setPasswordsOnLegacyStore() throws SQLException {
        try (var legacy = DriverManager.getConnection(url(), "", "")) {
            execute(
                    legacy,
                    "CREATE USER " + StoreCredentials.OWNER + " PASSWORD '" + credentials.ownerPassword() + "' ADMIN");
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new StoreUnavailableException("the store in " + dataDir + " does not accept the passwords in "
                        + StoreCredentials.FILE_NAME + "; restore that file from the backup the store came from");
            }
            throw e;
        }
        try (var owner = DriverManager.getConnection(url(), StoreCredentials.OWNER, credentials.ownerPassword())) {
            execute(owner, "DROP USER \"\"");
        }
        log.info(
                "The store in {} had no password; it now has per-store passwords, kept in {}",
                dataDir.toAbsolutePath(),
                StoreCredentials.FILE_NAME);
    }

    /** The store's refusal, in words: most often another process holds the file. */
    ActionportException failure(SQLException e) {
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StoreUnavailableException(RunFile.live(dataDir)
                    .map(holder -> holder.inUseMessage(dataDir))
                    .orElse("the data directory " + dataDir + " is in use by another process; stop it or use"
                            + " another --data-dir"));
        }
        return new StoreException("opening the store in " + dataDir, e);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The embedded store cannot be opened; the message says why and what to do. */
    static final class StoreUnavailableException extends ActionportException {
        StoreUnavailableException(String message) {
            super("store_unavailable", message);
        }
    }
}
