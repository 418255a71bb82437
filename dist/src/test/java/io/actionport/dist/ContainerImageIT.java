package io.actionport.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image tarball ({@code docker load -i target/actionport-image.tar}): its
 * configuration, and its file system run as a container would run it, without a container engine:
 * the layers unpacked into one root, entered with chroot in fresh mount and PID namespaces.
 */
@EnabledIfSystemProperty(
        named = "actionport.image",
        matches = ".+",
        disabledReason = "no image: built on Linux, without -DskipImage")
class ContainerImageIT {

    static final Path IMAGE = Path.of(System.getProperty("actionport.image", ""));
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    static Path unpacked;

    static JsonNode config;
    static List<String> layers;
    static List<String> tags;

    @BeforeAll
    static void unpack() throws Exception {
        var tar = Processes.run(List.of("tar", "xf", IMAGE.toString(), "-C", unpacked.toString()), Map.of());
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        var manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(
                        unpacked.resolve(manifest.get("Config").asString()).toFile())
                .get("config");
        layers = manifest.get("Layers").valueStream().map(JsonNode::asString).toList();
        tags = manifest.get("RepoTags").valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void image_serves_on_port_8787_of_every_interface_as_a_user_that_is_not_root() {
        assertThat(config.get("Entrypoint").valueStream().map(JsonNode::asString))
                .containsExactly("/opt/java/bin/java", "-XX:MaxRAMPercentage=75", "-jar", "/app/actionport.jar");
        assertThat(config.get("Cmd").valueStream().map(JsonNode::asString)).containsExactly("serve");
        assertThat(config.get("ExposedPorts").propertyNames()).containsExactly("8787/tcp");
        assertThat(config.get("User").asString()).isEqualTo("10001:10001");
        assertThat(config.get("Env").valueStream().map(JsonNode::asString))
                .contains("ACTIONPORT_BIND=0.0.0.0", "ACTIONPORT_PORT=8787", "ACTIONPORT_DATA_DIR=/data/actionport");
    }

    @Test
    void image_is_tagged_with_the_version_and_latest() {
        assertThat(tags)
                .containsExactlyInAnyOrder(
                        "actionport:" + System.getProperty("actionport.version"), "actionport:latest");
    }

    @Test
    void image_keeps_its_data_on_a_volume() {
        assertThat(config.get("Volumes").propertyNames()).containsExactly("/data");
        assertThat(environment().get("ACTIONPORT_DATA_DIR")).startsWith("/data/");
    }

    @Test
    void image_runs_the_server_as_its_user_and_it_answers_ready(@TempDir Path root) throws Exception {
        assumeTrue(canEnterNamespaces(), "entering the image's file system needs root and unshare");
        for (var layer : layers) {
            var tar = Processes.run(
                    List.of("tar", "xzf", unpacked.resolve(layer).toString(), "-C", root.toString()), Map.of());
            assertThat(tar.exitCode()).as(tar.output()).isZero();
        }
        Files.createDirectories(root.resolve("proc"));
        // A container's / is rwxr-xr-x; the temporary folder is its owner's only.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        var environment = environment();
        // On this machine: loopback and a free port, not the image's 0.0.0.0:8787.
        environment.put("ACTIONPORT_BIND", "127.0.0.1");
        environment.put("ACTIONPORT_PORT", "0");
        var log = Files.createTempFile(unpacked, "serve-", ".log");
        var command = new ArrayList<>(List.of(
                "/usr/bin/unshare",
                "--mount",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc=" + root.resolve("proc"),
                "chroot",
                "--userspec=" + config.get("User").asString(),
                root.toString()));
        config.get("Entrypoint").valueStream().map(JsonNode::asString).forEach(command::add);
        config.get("Cmd").valueStream().map(JsonNode::asString).forEach(command::add);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        var server = builder.start();
        try {
            serveAndCheck(server, log, root);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("the server in the image printed:\n" + Files.readString(log), e);
        } finally {
            stop(server);
        }
    }

    private static void serveAndCheck(Process server, Path log, Path root) throws Exception {
        var baseUrl = await().atMost(Duration.ofSeconds(120))
                .failFast("the server in the image exited", () -> !server.isAlive())
                .until(() -> serving(log), Optional::isPresent)
                .orElseThrow();
        var http = HttpClient.newHttpClient();
        var ready = await().atMost(Duration.ofSeconds(60))
                .ignoreException(ConnectException.class)
                .until(
                        () -> http.send(
                                HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()),
                        response -> response.statusCode() == 200);
        assertThat(ready.body()).contains("\"status\":\"ok\"");
        assertThat(root.resolve("data/actionport/master.key")).exists();
        assertThat(Files.readAllLines(log)).noneMatch(line -> line.contains("WARN"));
        stop(server);
        assertThat(server.exitValue()).as("exit code after SIGTERM").isZero();
    }

    private static boolean canEnterNamespaces() throws InterruptedException {
        try {
            return "root".equals(System.getProperty("user.name"))
                    && Processes.run(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "true"), Map.of())
                                    .exitCode()
                            == 0;
        } catch (IOException noUnshare) {
            return false;
        }
    }

    /**
     * Stops the server as {@code docker stop} does, with SIGTERM to the process in the image: unshare
     * itself ignores SIGTERM while it waits for that process.
     */
    private static void stop(Process unshare) throws InterruptedException {
        unshare.descendants().forEach(ProcessHandle::destroy);
        if (!unshare.waitFor(60, TimeUnit.SECONDS)) {
            unshare.descendants().forEach(ProcessHandle::destroyForcibly);
            unshare.destroyForcibly();
            unshare.waitFor();
        }
    }

    private static Map<String, String> environment() {
        var environment = new HashMap<String, String>();
        config.get("Env").valueStream().map(JsonNode::asString).forEach(entry -> {
            var equals = entry.indexOf('=');
            environment.put(entry.substring(0, equals), entry.substring(equals + 1));
        });
        return environment;
    }

    private static Optional<String> serving(Path log) throws IOException {
        var matcher = SERVING.matcher(Files.readString(log));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
