package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.cli.ActionportCli;
import io.actionport.server.store.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code actionport serve} in a process of its own, as an operator starts it, on a free port of
 * 127.0.0.1, with the test keys. Its class path is the server's without the test classes, so
 * bundles deployed to it load their actions from their own jars.
 */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+)");

    private final URI baseUrl;

    private ServerProcess(Process process, Path log, URI baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code serve} on {@code dataDir} (and {@code databaseUrl} unless null) and waits until it answers. */
    static ServerProcess start(Path dataDir, String databaseUrl, String... extraArgs)
            throws IOException, InterruptedException {
        return start(List.of(), dataDir, databaseUrl, extraArgs);
    }

    /** As {@link #start(Path, String, String...)}, with options for the JVM, such as {@code -Xmx256m}. */
    static ServerProcess start(List<String> jvmOptions, Path dataDir, String databaseUrl, String... extraArgs)
            throws IOException, InterruptedException {
        var command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                classPathWithoutTests(),
                ActionportCli.class.getName(),
                "serve",
                // Port 0: the server binds a free port itself and prints it; a port picked here and
                // released could be taken by another process before the server binds it.
                "--port",
                "0",
                "--data-dir",
                dataDir.toString()));
        if (databaseUrl != null) {
            command.addAll(List.of("--db", databaseUrl));
        }
        command.addAll(List.of(extraArgs));
        Files.createDirectories(dataDir);
        var log = Files.createTempFile(dataDir, "serve-", ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ACTIONPORT_"));
        builder.environment().put("ACTIONPORT_DEV_KEY", TestServer.DEV_KEY);
        builder.environment().put("ACTIONPORT_DEV_ADMIN_KEY", TestServer.DEV_ADMIN_KEY);
        builder.environment().put("ACTIONPORT_MASTER_KEY", TestServer.MASTER_KEY);
        // The fake providers of these tests listen on loopback, which the egress policy refuses by default.
        builder.environment().put("ACTIONPORT_EGRESS_ALLOW", "127.0.0.1");
        var process = builder.start();
        URI baseUrl;
        try {
            baseUrl = await().atMost(Duration.ofSeconds(120))
                    .failFast("actionport serve exited", () -> !process.isAlive())
                    .until(() -> servingUrl(log), Optional::isPresent)
                    .orElseThrow();
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        var server = new ServerProcess(process, log, baseUrl);
        try {
            await().atMost(Duration.ofSeconds(120))
                    .failFast("actionport serve exited", () -> !server.process.isAlive())
                    .ignoreException(ConnectException.class)
                    .until(server::healthy);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The URL the server printed once it was listening. */
    private static Optional<URI> servingUrl(Path log) throws IOException {
        // With --log-format json the line is a JSON string, whose slashes may be escaped.
        var matcher = SERVING.matcher(Files.readString(log).replace("\\/", "/"));
        return matcher.find() ? Optional.of(URI.create(matcher.group(1))) : Optional.empty();
    }

    /** The process id of {@code actionport serve}. */
    long pid() {
        return process.pid();
    }

    int port() {
        return baseUrl.getPort();
    }

    /** What the process printed so far, stdout and stderr. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** Deploys a bundle jar to {@code dev} over HTTP, as {@code actionport deploy} does. */
    void deploy(byte[] jar) throws IOException, InterruptedException {
        var answer = send(request("/admin/deploy")
                .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** Triggers an action of the demo connection that runs async; returns the execution id. */
    String triggerDemo(String action, String input) throws IOException, InterruptedException {
        var answer = send(request("/action/trigger")
                .header("Provider-Config-Key", "demo")
                .header("Connection-Id", "demo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"action_name\":\"" + action + "\",\"input\":" + input + "}")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return Json.MAPPER.readTree(answer.body()).get("id").asString();
    }

    /**
     * {@code POST /action/trigger} of an action of {@code integration}, with extra headers
     * (name, value, ...) such as {@code X-Async} or {@code Idempotency-Key}; any answer is returned.
     */
    HttpResponse<String> trigger(
            String integration, String connectionId, String action, String input, String... headers)
            throws IOException, InterruptedException {
        var request = request("/action/trigger")
                .header("Provider-Config-Key", integration)
                .header("Connection-Id", connectionId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"action_name\":\"" + action + "\",\"input\":" + input + "}"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Points {@code integration} at {@code baseUrl} (no auth) and adds connection {@code connectionId} to it. */
    void connect(String integration, String baseUrl, String connectionId) throws IOException, InterruptedException {
        var saved = send(request("/integrations/" + integration)
                .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"base_url\":\"" + baseUrl + "\",\"auth_scheme\":\"none\"}")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        var created = send(request("/connections")
                .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"integration\":\"" + integration
                        + "\",\"connection_id\":\"" + connectionId + "\",\"credentials\":{}}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Ids of the environment's executions with this status ({@code GET /executions?status=}), up to 500. */
    List<String> executionsWithStatus(String status) throws IOException, InterruptedException {
        var answer = send(request("/executions?limit=500&status=" + status).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var ids = new ArrayList<String>();
        Json.MAPPER
                .readTree(answer.body())
                .get("executions")
                .forEach(view -> ids.add(view.get("id").asString()));
        return ids;
    }

    /** The execution's view, {@code GET /executions/{id}}. */
    JsonNode execution(String id) throws IOException, InterruptedException {
        var answer = send(request("/executions/" + id).GET());
        assertThat(answer.statusCode())
                .as("GET /executions/%s: %s", id, answer.body())
                .isEqualTo(200);
        return Json.MAPPER.readTree(answer.body());
    }

    /** A request to the dev environment, with the dev caller key unless it names a key already. */
    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        var built = request.build();
        if (built.headers().firstValue("Authorization").isEmpty()) {
            built = request.header("Authorization", "Bearer " + TestServer.DEV_KEY)
                    .build();
        }
        return http.send(built, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path));
    }

    /** SIGKILL: no shutdown hook, no graceful stop of the queue. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an operator's stop does; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
        return process.exitValue();
    }

    /** Input of the demo {@code bulk-import}, about 100 ms per issue. */
    static String bulkImport(String batchId, int issues) {
        var list = new ArrayList<String>();
        for (int i = 0; i < issues; i++) {
            list.add("{\"title\":\"issue " + i + "\"}");
        }
        return "{\"batch_id\":\"" + batchId + "\",\"issues\":[" + String.join(",", list) + "]}";
    }

    private boolean healthy() throws IOException, InterruptedException {
        var answer = http.send(
                HttpRequest.newBuilder(baseUrl.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200;
    }

    /** Stops the process if it still runs, and copies its log to the test's output. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
        try {
            System.out.println("--- " + this + " ---\n" + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "actionport serve (pid " + process.pid() + ") on " + baseUrl;
    }

    static String classPathWithoutTests() {
        String testClasses;
        try {
            testClasses = Path.of(ServerProcess.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return String.join(
                File.pathSeparator,
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .filter(entry ->
                                !Path.of(entry).toAbsolutePath().toString().equals(testClasses))
                        .toList());
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
