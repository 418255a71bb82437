package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.metrics.LatencyBuckets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator's Prometheus scrapes at /metrics: the JVM, the process, the HTTP server and executions. */
class OperatorMetricsTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("Authorization", "Bearer " + TestServer.DEV_ADMIN_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String scrape() throws Exception {
        var answer = get("/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    static void echo(String message) throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                        .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .header("Provider-Config-Key", "demo")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"action_name\":\"echo\",\"input\":{\"message\":\"" + message + "\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void the_scrape_has_jvm_process_and_http_server_families() throws Exception {
        get("/actions");

        assertThat(scrape())
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_gc_")
                .contains("jvm_threads_live_threads")
                .contains("jvm_classes_loaded_classes")
                .contains("process_cpu_usage")
                .contains("process_uptime_seconds")
                .contains("process_files_open_files")
                .contains("http_server_connections_active")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\""
                        + "[^}]*uri=\"/actions\"");
    }

    @Test
    void each_durable_call_is_counted_in_the_store_flushes() throws Exception {
        double before = flushes(scrape());
        echo("flushed");

        assertThat(flushes(scrape())).isGreaterThan(before);
    }

    private static double flushes(String scrape) {
        var matcher = java.util.regex.Pattern.compile("(?m)^actionport_store_flushes_total (\\S+)$")
                .matcher(scrape);
        assertThat(matcher.find())
                .as("actionport_store_flushes_total in the scrape")
                .isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void requests_for_many_execution_ids_share_one_series_of_their_route() throws Exception {
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var id = "exec-" + UUID.randomUUID();
            ids.add(id);
            assertThat(get("/executions/" + id).statusCode()).isEqualTo(404);
            get("/executions/" + id + "/logs");
        }
        get("/no/such/route/" + UUID.randomUUID());

        var scrape = scrape();

        ids.forEach(id -> assertThat(scrape).doesNotContain(id));
        assertThat(scrape.lines()
                        .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                        .filter(line -> line.contains("uri=\"/executions/{id}\""))
                        .toList())
                .singleElement()
                .asString()
                .contains("status=\"404\"")
                .endsWith(" 5");
        assertThat(scrape).contains("uri=\"/executions/{id}/logs\"").contains("uri=\"unmatched\"");
    }

    @Test
    void execution_latency_histograms_have_the_fixed_service_level_buckets() throws Exception {
        echo("one");
        echo("two");

        var buckets = scrape().lines()
                .filter(line -> line.startsWith("actionport_execution_duration_seconds_bucket{"))
                .filter(line -> line.contains("mode=\"sync\"") && line.contains("status=\"succeeded\""))
                .toList();

        assertThat(buckets).hasSize(LatencyBuckets.BOUNDS.length + 1);
        assertThat(buckets.getFirst()).contains("le=\"0.005\"");
        assertThat(buckets.get(buckets.size() - 2)).contains("le=\"60.0\"");
        assertThat(buckets.getLast()).contains("le=\"+Inf\"").endsWith(" 2");
    }
}
