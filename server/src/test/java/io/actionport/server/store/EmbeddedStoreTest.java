package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void the_servers_own_connections_cannot_read_files_or_define_java_functions() throws Exception {
        SecretCipher.fromEnvironmentOrKeyFile(null, dataDir);
        var masterKey = dataDir.resolve("master.key").toAbsolutePath();
        try (var database = Database.openEmbedded(dataDir);
                var connection = database.dataSource().getConnection();
                var statement = connection.createStatement()) {

            assertThatThrownBy(() -> statement.executeQuery("SELECT FILE_READ('" + masterKey + "')"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.ADMIN_RIGHTS_REQUIRED));
            assertThatThrownBy(() -> statement.execute("CREATE ALIAS RUNTIME FOR \"java.lang.Runtime.getRuntime\""))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.ADMIN_RIGHTS_REQUIRED));
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM CSVREAD('" + masterKey + "')"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.ADMIN_RIGHTS_REQUIRED));
            assertThatThrownBy(() -> statement.execute("ALTER USER " + StoreCredentials.APPLICATION + " ADMIN TRUE"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.ADMIN_RIGHTS_REQUIRED));
        }
    }

    @Test
    void the_servers_own_connections_work_with_the_schema_and_checkpoint() throws Exception {
        try (var database = Database.openEmbedded(dataDir);
                var connection = database.dataSource().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE scratch (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO scratch VALUES (1)");
            database.makeDurable();

            try (var rows = statement.executeQuery("SELECT COUNT(*) FROM executions")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    @Test
    void connecting_without_the_store_password_fails() {
        Database.openEmbedded(dataDir).close();

        for (var user : new String[] {"", StoreCredentials.APPLICATION, StoreCredentials.OWNER, "SA"}) {
            assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedStore.url(dataDir), user, "")
                            .close())
                    .as("user '%s' with the empty password", user)
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
        }
    }

    @Test
    void the_store_passwords_are_kept_readable_by_their_owner_only() throws Exception {
        Database.openEmbedded(dataDir).close();

        var credentials = dataDir.resolve(StoreCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");
        try (var again = Database.openEmbedded(dataDir)) {
            assertThat(StoreCredentials.loadOrCreate(dataDir).applicationPassword())
                    .isNotBlank();
        }
    }

    @Test
    void a_store_made_with_the_empty_password_keeps_its_data_and_gets_a_password() throws Exception {
        // As older versions opened it: the empty user and password, and a TCP server for other processes.
        try (var legacy = Database.open(
                        "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("actionport") + ";AUTO_SERVER=TRUE",
                        "",
                        "");
                var connection = legacy.dataSource().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE old_rows (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO old_rows VALUES (7)");
        }

        try (var database = Database.openEmbedded(dataDir);
                var connection = database.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT id FROM old_rows")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedStore.url(dataDir), "", "")
                        .close())
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
        try (var reopened = Database.openEmbedded(dataDir);
                var connection = reopened.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM old_rows")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void a_store_whose_passwords_were_lost_is_refused_with_what_to_do() throws Exception {
        Database.openEmbedded(dataDir).close();
        Files.delete(dataDir.resolve(StoreCredentials.FILE_NAME));

        assertThatThrownBy(() -> Database.openEmbedded(dataDir))
                .hasMessage("the store in " + dataDir + " does not accept the passwords in store.credentials;"
                        + " restore that file from the backup the store came from");
    }
}
