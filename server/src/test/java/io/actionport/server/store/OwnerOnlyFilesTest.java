package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path parent;

    @Test
    void a_new_data_directory_is_its_owners_only() throws Exception {
        var dataDir = parent.resolve("data");

        OwnerOnlyFiles.secureDataDirectory(dataDir);

        assertThat(mode(dataDir)).isEqualTo("rwx------");
    }

    @Test
    void an_existing_looser_data_directory_and_its_files_are_tightened() throws Exception {
        var dataDir = Files.createDirectory(parent.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        var bundles = Files.createDirectory(dataDir.resolve("bundles"));
        Files.setPosixFilePermissions(bundles, PosixFilePermissions.fromString("rwxrwxr-x"));
        var database = Files.writeString(dataDir.resolve("actionport.mv.db"), "rows");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        var jar = Files.writeString(bundles.resolve("a.jar"), "jar");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));

        OwnerOnlyFiles.secureDataDirectory(dataDir);

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(bundles)).isEqualTo("rwx------");
        assertThat(mode(database)).isEqualTo("rw-------");
        assertThat(mode(jar)).isEqualTo("rw-------");
    }

    @Test
    void a_written_file_is_its_owners_only() throws Exception {
        var file = parent.resolve("data/secret");

        OwnerOnlyFiles.write(file, "s3cr3t");

        assertThat(Files.readString(file)).isEqualTo("s3cr3t");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
