package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running {@code actionport serve} opens its store to nobody else: no port but HTTP, no file for others. */
class StoreIsolationTest {

    @TempDir
    Path parent;

    @Test
    void serve_listens_on_its_http_port_only() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs Linux /proc");
        try (var server = ServerProcess.start(parent.resolve("data"), null)) {
            server.triggerDemo("bulk-import", ServerProcess.bulkImport("b1", 1));

            assertThat(ListeningSockets.of(server.pid())).containsExactly(server.port());
        }
    }

    @Test
    void serve_keeps_the_data_directory_to_its_owner_and_tightens_a_looser_one() throws Exception {
        var dataDir = Files.createDirectory(parent.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (var server = ServerProcess.start(dataDir, null)) {
            server.triggerDemo("bulk-import", ServerProcess.bulkImport("b1", 1));

            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("actionport.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("store.credentials"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("run.json"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("bundles"))).isEqualTo("rwx------");
            try (Stream<Path> jars = Files.list(dataDir.resolve("bundles"))) {
                assertThat(jars.toList())
                        .isNotEmpty()
                        .allSatisfy(jar -> assertThat(mode(jar)).isEqualTo("rw-------"));
            }
            assertThat(server.log()).containsOnlyOnce("Restricted the data directory");
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
