package io.actionport.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The distribution archive, unpacked as a user unpacks it, and its launcher {@code bin/actionport}. */
@DisabledOnOs(OS.WINDOWS)
class DistributionArchiveIT {

    static final String VERSION = System.getProperty("actionport.version");
    static final Path TARBALL = Path.of(System.getProperty("actionport.distribution"));

    @TempDir
    static Path unpacked;

    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        var tar = Processes.run(List.of("tar", "xzf", TARBALL.toString(), "-C", unpacked.toString()), Map.of());
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        home = unpacked.resolve("actionport-" + VERSION);
    }

    @Test
    void archive_holds_the_launcher_the_jar_and_a_readme() throws IOException {
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/actionport")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(home.resolve("lib/actionport.jar")).isRegularFile();
        assertThat(Files.readString(home.resolve("README.md"))).startsWith("# Actionport " + VERSION);
    }

    @Test
    void jar_leaves_out_http3_and_its_quic_natives() throws IOException {
        try (var jar = new ZipFile(home.resolve("lib/actionport.jar").toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(name -> name.contains("quiche") || name.startsWith("io/netty/handler/codec/quic/"))
                    .noneMatch(name -> name.startsWith("io/netty/handler/codec/http3/"))
                    .contains("META-INF/native/libnetty_transport_native_epoll_x86_64.so");
        }
        assertThat(Files.size(home.resolve("lib/actionport.jar"))).isLessThan(25_000_000L);
    }

    @Test
    void zip_holds_the_same_files_as_the_tarball() throws IOException {
        var zip = TARBALL.resolveSibling("actionport-" + VERSION + ".zip");
        try (var entries = new ZipFile(zip.toFile())) {
            assertThat(entries.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()))
                    .containsExactlyInAnyOrder(
                            "actionport-" + VERSION + "/bin/actionport",
                            "actionport-" + VERSION + "/lib/actionport.jar",
                            "actionport-" + VERSION + "/README.md");
        }
    }

    @Test
    void launcher_runs_the_jar_with_the_java_of_JAVA_HOME() throws Exception {
        var version = launcher(Map.of("JAVA_HOME", System.getProperty("java.home")), "--version");
        var help = launcher(Map.of("JAVA_HOME", System.getProperty("java.home")), "--help");

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output().strip()).isEqualTo(VERSION.replace("-SNAPSHOT", ""));
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("serve", "mcp", "deploy");
    }

    @Test
    void launcher_found_through_a_symbolic_link_finds_its_jar(@TempDir Path elsewhere) throws Exception {
        var link = Files.createSymbolicLink(elsewhere.resolve("actionport"), home.resolve("bin/actionport"));

        var run = Processes.run(
                List.of(link.toString(), "--version"), Map.of("JAVA_HOME", System.getProperty("java.home")));

        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void launcher_of_a_built_checkout_runs_the_server_modules_jar() throws Exception {
        // This module's folder is the working directory: the checkout's launcher is ../bin/actionport.
        var launcher = Path.of("..", "bin", "actionport").toAbsolutePath().normalize();

        var run = Processes.run(
                List.of(launcher.toString(), "--version"), Map.of("JAVA_HOME", System.getProperty("java.home")));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().strip()).isEqualTo(VERSION.replace("-SNAPSHOT", ""));
    }

    @Test
    void launcher_refuses_a_JAVA_HOME_older_than_21_and_names_its_version(@TempDir Path oldJdk) throws Exception {
        var java = oldJdk.resolve("bin/java");
        Files.createDirectories(java.getParent());
        // What a JDK 17 answers to -version, on stderr; the launcher must not run the jar with it.
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = -version ]; then
                  echo 'openjdk version "17.0.9" 2023-10-17' >&2
                  echo 'OpenJDK Runtime Environment (build 17.0.9+9)' >&2
                  exit 0
                fi
                echo "ran the jar with Java 17"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        var run = launcher(Map.of("JAVA_HOME", oldJdk.toString()), "--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .isEqualTo(
                        "actionport: Actionport needs Java 21 or newer, and JAVA_HOME (" + oldJdk
                                + ") is Java 17.0.9; point JAVA_HOME at a JDK 21 or newer, or unset it to use the java on the PATH\n");
    }

    @Test
    void launcher_says_when_JAVA_HOME_has_no_java(@TempDir Path notAJdk) throws Exception {
        var run = launcher(Map.of("JAVA_HOME", notAJdk.toString()), "--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("JAVA_HOME is " + notAJdk + ", which has no bin/java");
    }

    private static Processes.Result launcher(Map<String, String> environment, String... args) throws Exception {
        var command = new ArrayList<>(List.of(home.resolve("bin/actionport").toString()));
        command.addAll(List.of(args));
        return Processes.run(command, environment);
    }
}
