package io.actionport.server.it;

import io.actionport.sdk.testing.ActionTestKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Maven, offline, for a bundle project made by {@code actionport init}, with the SDK of this build.
 *
 * <p>The tests must not depend on an {@code install} having run (CI runs {@code verify}) nor write
 * into the user's repository. So the SDK this test runs with (its jar, its pom and the parent pom)
 * goes into a fresh local repository, and the user's {@code ~/.m2/repository}, filled by this build
 * with the plugins and test libraries the project pins, is chained behind it read-only
 * ({@code maven.repo.local.tail}, Maven 3.9). Maven is the repository's own wrapper, on this JVM.
 */
final class OfflineMaven {

    private final Path wrapper;
    private final Path repository;
    private final Path userRepository;

    private OfflineMaven(Path wrapper, Path repository, Path userRepository) {
        this.wrapper = wrapper;
        this.repository = repository;
        this.userRepository = userRepository;
    }

    /** Prepares {@code repository} with this build's SDK, as version the CLI writes into new projects. */
    static OfflineMaven withThisBuildsSdk(Path repository) throws IOException {
        var root = repositoryRoot();
        var version = sdkVersion();
        var parent = repository.resolve("io/actionport/actionport-parent/" + version);
        var sdk = repository.resolve("io/actionport/actionport-action-sdk/" + version);
        Files.createDirectories(parent);
        Files.createDirectories(sdk);
        Files.copy(root.resolve("pom.xml"), parent.resolve("actionport-parent-" + version + ".pom"));
        Files.copy(root.resolve("tools/action-sdk/pom.xml"), sdk.resolve("actionport-action-sdk-" + version + ".pom"));
        var jar = sdk.resolve("actionport-action-sdk-" + version + ".jar");
        var classes = Path.of(ActionTestKit.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        if (Files.isDirectory(classes)) {
            pack(classes, jar);
        } else {
            Files.copy(classes, jar);
        }
        return new OfflineMaven(
                root.resolve("mvnw"), repository, Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /** {@code mvn -B -q -o <goals>} as one shell command line, e.g. for {@code actionport dev --build-command}. */
    String commandLine(String... goals) {
        var words = new ArrayList<String>();
        words.add("JAVA_HOME=" + quote(System.getProperty("java.home")));
        words.add("sh");
        command(goals).forEach(word -> words.add(quote(word)));
        return String.join(" ", words);
    }

    /** Runs {@code mvn -B -q -o <goals>} in {@code project}; returns its exit code and output. */
    Run run(Path project, String... goals) throws IOException, InterruptedException {
        var all = new ArrayList<String>();
        all.add("sh");
        all.addAll(command(goals));
        var builder = new ProcessBuilder(all).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        var process = builder.start();
        process.getOutputStream().close();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), output);
    }

    record Run(int code, String output) {}

    private List<String> command(String... goals) {
        var words = new ArrayList<String>();
        words.add(wrapper.toString());
        words.add("-B");
        words.add("-q");
        words.add("-o");
        words.add("-Dmaven.repo.local=" + repository);
        words.add("-Dmaven.repo.local.tail=" + userRepository);
        words.addAll(List.of(goals));
        return words;
    }

    /** The SDK version {@code actionport init} writes into new projects. */
    private static String sdkVersion() throws IOException {
        var properties = new Properties();
        try (InputStream in = OfflineMaven.class.getResourceAsStream("/templates/bundle/versions.properties")) {
            properties.load(in);
        }
        return properties.getProperty("actionport.version");
    }

    /** The folder with the Maven wrapper and the parent pom, above the server module the tests run in. */
    private static Path repositoryRoot() {
        for (var folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("mvnw")) && Files.isDirectory(folder.resolve("tools/action-sdk"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no Maven wrapper above " + Path.of("").toAbsolutePath());
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                var out = new JarOutputStream(file);
                Stream<Path> tree = Files.walk(classes)) {
            for (var entry : tree.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
