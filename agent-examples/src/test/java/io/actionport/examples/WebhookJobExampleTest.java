package io.actionport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP backend job: async triggers, and completions received through the signed webhook. */
class WebhookJobExampleTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    static Actionport server;
    static WebhookJobExample job;

    @BeforeAll
    static void start() throws Exception {
        // The job's webhook receiver listens on loopback, which the egress policy refuses unless allowed.
        server = Actionport.start(
                ServerConfig.defaults(dataDir).withDevAdminKey("job-key").withEgressAllow(List.of("127.0.0.1")));
        job = WebhookJobExample.start(server.baseUrl(), "job-key", WebhookJobExample.newSecret(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        job.close();
        server.close();
    }

    @Test
    void an_async_bulk_import_completes_through_a_verified_webhook_with_its_output() throws Exception {
        var id = job.trigger(
                "bulk-import",
                Map.of("batch_id", "nightly-1", "issues", List.of(Map.of("title", "a"), Map.of("title", "b"))),
                "nightly-1");

        var completion = job.await(id, WAIT);

        assertThat(completion.status()).isEqualTo("succeeded");
        assertThat(completion.output().path("batch_id").asString()).isEqualTo("nightly-1");
        assertThat(completion.output().path("issues").size()).isEqualTo(2);
    }

    @Test
    void a_sync_action_triggered_with_x_async_also_reports_through_the_webhook() throws Exception {
        var id = job.trigger("create-issue", Map.of("title", "Nightly build red"), "nightly-build-red");

        var completion = job.await(id, WAIT);

        assertThat(completion.status()).isEqualTo("succeeded");
        assertThat(completion.output().path("url").asString()).contains("/demo-provider/issues/");
    }

    @Test
    void the_same_idempotency_key_gives_the_same_execution() {
        var input = Map.of("batch_id", "nightly-2", "issues", List.of(Map.of("title", "c")));

        assertThat(job.trigger("bulk-import", input, "nightly-2"))
                .isEqualTo(job.trigger("bulk-import", input, "nightly-2"));
    }

    @Test
    void a_delivery_with_a_forged_signature_is_refused() throws Exception {
        var forged = HttpRequest.newBuilder(job.webhookUrl())
                .header("webhook-id", "msg_forged")
                .header("webhook-timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("webhook-signature", "v1,bm90IGEgcmVhbCBzaWduYXR1cmU=")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"x\",\"status\":\"succeeded\"}"))
                .build();

        var response = HttpClient.newHttpClient().send(forged, HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(job.rejected()).contains("msg_forged");
    }

    @Test
    void verification_matches_the_standard_webhooks_example_and_refuses_an_old_timestamp() {
        // The test vector of the Standard Webhooks specification.
        var webhooks = new StandardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        var id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        var body = "{\"test\": 2432232314}";
        var signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        var sent = Instant.ofEpochSecond(1614265330L);

        assertThat(webhooks.verify(id, "1614265330", body, signature, sent.plusSeconds(30)))
                .isTrue();
        assertThat(webhooks.verify(id, "1614265330", body + " ", signature, sent))
                .isFalse();
        assertThat(webhooks.verify(id, "1614265330", body, signature, sent.plus(Duration.ofMinutes(6))))
                .isFalse();
    }
}
