package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin uploads are spooled to disk under a cap: refused past it, deleted after use, never whole in memory. */
class UploadLimitTest {

    static final long SIXTY_MB = 60L * 1024 * 1024;
    static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @TempDir
    static Path dataDir;

    static TestServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_60_mb_deploy_is_refused_with_413_naming_the_limit() throws Exception {
        var spooledBefore = spooled();

        var answer =
                send(admin("/admin/deploy").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) SIXTY_MB])));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(answer.body()).at("/error/message").asString())
                .isEqualTo("the request body is at least 62914560 bytes, over the limit of 52428800 bytes; "
                        + "bundles larger than this are refused (serve --max-upload-mb)");
        assertThat(spooled()).isSubsetOf(spooledBefore);
    }

    @Test
    void a_60_mb_deploy_without_a_declared_length_is_cut_off_at_the_cap_and_leaves_no_file() throws Exception {
        var spooledBefore = spooled();
        var heapBefore = usedHeap();

        HttpResponse<String> answer = null;
        try {
            answer = send(admin("/admin/deploy")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroBytes(SIXTY_MB))));
        } catch (IOException closedWhileSending) {
            // The server may hang up before the client reads its 413; either way the upload stopped.
        }

        if (answer != null) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        }
        assertThat(spooled()).isSubsetOf(spooledBefore);
        assertThat(usedHeap() - heapBefore)
                .as("the upload was not held in memory")
                .isLessThan(40L * 1024 * 1024);
    }

    @Test
    void an_80_mb_dryrun_is_refused_with_413() throws Exception {
        var answer =
                send(admin("/admin/dryrun").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[80 * 1024 * 1024])));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(answer.body()).at("/error/message").asString())
                .endsWith("the bundle inside is larger than a deploy accepts (serve --max-upload-mb)");
    }

    @Test
    void a_bundle_under_the_cap_is_deployed_and_dry_run_from_its_spooled_file() throws Exception {
        var spooledBefore = spooled();
        byte[] jar;
        try (var in = UploadLimitTest.class.getResourceAsStream("/bundles/demo-bundle.jar")) {
            jar = in.readAllBytes();
        }

        var deployed = send(admin("/admin/deploy").POST(HttpRequest.BodyPublishers.ofByteArray(jar)));
        var body = Json.MAPPER
                .createObjectNode()
                .put("bundle", Base64.getEncoder().encodeToString(jar))
                .put("action", "echo")
                .put("connection_id", "demo");
        body.putObject("input").put("message", "spooled");
        var dryRun = send(admin("/admin/dryrun").POST(HttpRequest.BodyPublishers.ofString(body.toString())));

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(deployed.body()).path("actions").toString())
                .contains("echo");
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.body()).contains("spooled");
        assertThat(spooled()).isSubsetOf(spooledBefore);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(server.baseUrl().resolve(path))
                .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY);
    }

    private static List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(TEMP)) {
            return files.filter(file -> file.getFileName().toString().startsWith("actionport-upload-")
                            || file.getFileName().toString().startsWith("actionport-dryrun-"))
                    .toList();
        }
    }

    private static long usedHeap() {
        System.gc();
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
