package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.store.Json;
import io.actionport.server.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** Completion webhooks received by a real receiver on 127.0.0.1 that checks the signature itself. */
class WebhookTest {

    static final byte[] KEY = "a-webhook-signing-key-of-32-byte".getBytes();
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    record Received(String id, String timestamp, String signature, String body) {}

    @TempDir
    Path dataDir;

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToGive = new AtomicInteger();
    DisposableServer receiver;
    Actionport server;

    @BeforeEach
    void startReceiver() {
        receiver = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post(
                        "/hooks",
                        (request, response) -> request.receive()
                                .aggregate()
                                .asString()
                                .flatMap(body -> {
                                    var headers = request.requestHeaders();
                                    received.add(new Received(
                                            headers.get("webhook-id"),
                                            headers.get("webhook-timestamp"),
                                            headers.get("webhook-signature"),
                                            body));
                                    int status = failuresToGive.getAndDecrement() > 0 ? 500 : 204;
                                    return response.status(status).send().then();
                                })))
                .bindNow();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        receiver.disposeNow();
    }

    String hookUrl() {
        return "http://127.0.0.1:" + receiver.port() + "/hooks";
    }

    void startServer(ServerConfig config) {
        server = Actionport.start(config.withDevAdminKey("hook-key")
                .withEgressAllow(List.of("127.0.0.1:" + receiver.port()))
                .withMasterKey(TestServer.MASTER_KEY)
                .withDatabaseUrl(null));
    }

    /** What a receiver does: recompute HMAC-SHA256 over id.timestamp.body with the key. */
    static boolean signatureIsValid(Received hook) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        var expected = "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((hook.id() + "." + hook.timestamp() + "." + hook.body()).getBytes()));
        return List.of(hook.signature().split(" ")).contains(expected);
    }

    String triggerBulkImport() throws Exception {
        return triggerBulkImport("hooked", 1);
    }

    /** A bulk import of {@code issues} issues, about 100 ms each. */
    String triggerBulkImport(String batchId, int issues) throws Exception {
        var input = Json.MAPPER.createObjectNode().put("batch_id", batchId);
        for (int i = 0; i < issues; i++) {
            input.withArray("issues").addObject().put("title", "issue " + i);
        }
        var body =
                Json.MAPPER.createObjectNode().put("action_name", "bulk-import").set("input", input);
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/action/trigger"))
                                .header("Authorization", "Bearer hook-key")
                                .header("Provider-Config-Key", "demo")
                                .header("Connection-Id", "demo")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return Json.MAPPER.readTree(response.body()).get("id").asString();
    }

    @Test
    void a_webhook_configured_from_the_environment_gets_a_signed_completion_with_the_output() throws Exception {
        startServer(ServerConfig.defaults(dataDir).withDevWebhook(hookUrl(), SECRET));

        var id = triggerBulkImport();

        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        var hook = received.getFirst();
        assertThat(signatureIsValid(hook)).isTrue();
        assertThat(hook.id()).isEqualTo("msg_" + id);
        var body = Json.MAPPER.readTree(hook.body());
        assertThat(body.get("id").asString()).isEqualTo(id);
        assertThat(body.get("statusUrl").asString()).isEqualTo("/action/" + id);
        assertThat(body.get("status").asString()).isEqualTo("succeeded");
        assertThat(body.get("action").asString()).isEqualTo("bulk-import");
        assertThat(body.get("connectionId").asString()).isEqualTo("demo");
        assertThat(body.at("/output/batch_id").asString()).isEqualTo("hooked");
    }

    @Test
    void a_failing_receiver_is_retried_with_the_same_message_id_and_every_attempt_is_recorded() throws Exception {
        startServer(ServerConfig.defaults(dataDir));
        var set = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/webhook"))
                                .header("Authorization", "Bearer hook-key")
                                .PUT(HttpRequest.BodyPublishers.ofString(
                                        Json.MAPPER.writeValueAsString(Map.of("url", hookUrl(), "secret", SECRET))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        failuresToGive.set(2);
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        var deliveryLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(io.actionport.server.webhook.WebhookDeliveries.class);
        deliveryLog.addAppender(logged);

        var id = triggerBulkImport();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 3);
        deliveryLog.detachAppender(logged);
        assertThat(logged.list)
                .extracting(event -> event.getLevel() + " " + event.getFormattedMessage())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line)
                        .startsWith("INFO webhook delivery of execution " + id + " failed (attempt ")
                        .contains(" of 8): receiver answered 500; retrying in ")
                        .doesNotContain(SECRET));
        assertThat(logged.list)
                .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
        assertThat(received).extracting(Received::id).containsOnly("msg_" + id);
        assertThat(received)
                .allSatisfy(hook -> assertThat(signatureIsValid(hook)).isTrue());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> server.webhooks().deliveries(id).size() == 3);
        var deliveries = server.webhooks().deliveries(id);
        assertThat(deliveries).extracting(d -> d.statusCode()).containsExactly(500, 500, 204);
        assertThat(deliveries.getLast().error()).isNull();
    }

    @Test
    void a_cancelled_execution_is_announced_once_whether_it_was_running_or_still_queued() throws Exception {
        // One at a time on the demo connection: the second waits on the queue while the first runs.
        startServer(ServerConfig.defaults(dataDir)
                .withDevWebhook(hookUrl(), SECRET)
                .withAsync(io.actionport.server.async.AsyncConfig.defaults().withLimits(1, 0)));
        var running = triggerBulkImport("running", 100);
        var queued = triggerBulkImport("queued", 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(running).equals("running"));
        assertThat(status(queued)).isEqualTo("queued");

        for (var id : List.of(queued, running)) {
            var cancel = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/executions/" + id + "/cancel"))
                                    .header("Authorization", "Bearer hook-key")
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(cancel.statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        // The worker that ran the first sees its end stored already and announces nothing more.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.executions().find(running).isPresent() && tasksOf(running) == 0);
        assertThat(received).extracting(Received::id).containsExactlyInAnyOrder("msg_" + running, "msg_" + queued);
        for (var hook : received) {
            assertThat(Json.MAPPER.readTree(hook.body()).get("status").asString())
                    .isEqualTo("cancelled");
        }
    }

    private String status(String id) {
        return server.executions().find(id).orElseThrow().status().wireName();
    }

    @Test
    void an_end_whose_node_stopped_before_queueing_its_webhook_is_delivered_after_the_restart() throws Exception {
        var config = ServerConfig.defaults(dataDir).withDevWebhook(hookUrl(), SECRET);
        startServer(config);
        var id = triggerBulkImport();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.webhooks().deliveries(id).size() == 1);
        assertThat(tasksOf(id))
                .as("the execution's task, released once the delivery was queued")
                .isZero();
        server.close();
        server = null;
        leaveWhatAKillBeforeTheDeliveryLeaves(id, true);
        received.clear();

        startServer(config);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
        var hook = received.getFirst();
        assertThat(hook.id()).isEqualTo("msg_" + id);
        assertThat(signatureIsValid(hook)).isTrue();
        assertThat(Json.MAPPER.readTree(hook.body()).get("status").asString()).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(5)).until(() -> tasksOf(id) == 0);
    }

    @Test
    void an_end_delivered_before_its_node_stopped_is_not_delivered_again() throws Exception {
        var config = ServerConfig.defaults(dataDir).withDevWebhook(hookUrl(), SECRET);
        startServer(config);
        var id = triggerBulkImport();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.webhooks().deliveries(id).size() == 1);
        server.close();
        server = null;
        leaveWhatAKillBeforeTheDeliveryLeaves(id, false);

        startServer(config);

        // The restarted node takes the task over and removes it; by then it has decided.
        await().atMost(Duration.ofSeconds(20)).until(() -> tasksOf(id) == 0);
        assertThat(received).hasSize(1);
        assertThat(server.webhooks().deliveries(id)).hasSize(1);
    }

    /**
     * Makes the stopped store look as a node killed after storing the execution's end leaves it:
     * the execution's task still held by that node, and (when {@code deliveryLost}) no delivery.
     */
    private void leaveWhatAKillBeforeTheDeliveryLeaves(String id, boolean deliveryLost) throws Exception {
        try (var connection = storeConnection()) {
            if (deliveryLost) {
                try (var delete = connection.prepareStatement("DELETE FROM webhook_deliveries WHERE message_id = ?")) {
                    delete.setString(1, "msg_" + id);
                    assertThat(delete.executeUpdate()).isEqualTo(1);
                }
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, "
                            + "picked_by, last_heartbeat, version) VALUES (?, ?, ?, ?, TRUE, 'killed-node', ?, 1)")) {
                var longAgo = java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofHours(1)));
                insert.setString(1, io.actionport.server.async.AsyncExecutions.TASK);
                insert.setString(2, id);
                insert.setBytes(
                        3,
                        com.github.kagkarlsson.scheduler.serializer.Serializer.DEFAULT_JAVA_SERIALIZER.serialize(id));
                insert.setTimestamp(4, longAgo);
                insert.setTimestamp(5, longAgo);
                insert.executeUpdate();
            }
        }
    }

    /** The tasks on the queue for the execution: its own, or its webhook's. */
    private int tasksOf(String id) throws Exception {
        try (var connection = storeConnection();
                var count =
                        connection.prepareStatement("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?")) {
            count.setString(1, id);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private java.sql.Connection storeConnection() throws Exception {
        var credentials = new java.util.Properties();
        credentials.load(
                new java.io.StringReader(java.nio.file.Files.readString(dataDir.resolve("store.credentials"))));
        return java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("actionport") + ";DB_CLOSE_ON_EXIT=FALSE",
                "ACTIONPORT_OWNER",
                credentials.getProperty("owner.password"));
    }

    @Test
    void the_signer_matches_the_standard_webhooks_example() {
        // From the Standard Webhooks specification's test vector.
        var signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        var signature = signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_secret_not_in_standard_webhooks_form_is_refused_with_a_clear_message() throws Exception {
        startServer(ServerConfig.defaults(dataDir));

        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/webhook"))
                                .header("Authorization", "Bearer hook-key")
                                .PUT(HttpRequest.BodyPublishers.ofString(
                                        "{\"url\":\"" + hookUrl() + "\",\"secret\":\"plain\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("whsec_<base64 of the key>");
    }
}
