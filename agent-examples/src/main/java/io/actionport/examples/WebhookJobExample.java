package io.actionport.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backend job that talks to Actionport over HTTP only: it triggers actions with {@code X-Async:
 * true}, gets an execution id at once, and learns of each completion from the environment's
 * signed webhook instead of polling.
 *
 * <p>Run it against a running server: {@code ACTIONPORT_URL=http://127.0.0.1:8787
 * ACTIONPORT_KEY=<dev admin key> java ... WebhookJobExample} (an admin key: it sets the webhook). It listens on 127.0.0.1 and points the
 * environment's webhook at itself ({@code PUT /webhook}) while it runs, then removes it; the server
 * must allow that loopback destination ({@code actionport serve --egress-allow 127.0.0.1}).
 */
public final class WebhookJobExample implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A completion as the webhook delivered it, after its signature was checked. */
    public record Completion(String executionId, String status, JsonNode output, JsonNode error) {}

    private final URI server;
    private final String key;
    private final StandardWebhooks webhooks;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpServer receiver;
    private final Map<String, CompletableFuture<Completion>> completions = new ConcurrentHashMap<>();
    private final Set<String> seenDeliveries = ConcurrentHashMap.newKeySet();
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    private WebhookJobExample(URI server, String key, String secret, Clock clock) throws IOException {
        this.server = server;
        this.key = key;
        this.webhooks = new StandardWebhooks(secret);
        this.clock = clock;
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/actionport-webhook", this::receive);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        var registered = send("PUT", "/webhook", Map.of("url", webhookUrl().toString(), "secret", secret), Map.of());
        if (registered.statusCode() != 200) {
            throw new IllegalStateException(
                    "PUT /webhook answered " + registered.statusCode() + ": " + registered.body());
        }
    }

    /** Starts the receiver on 127.0.0.1 and registers it as the environment's completion webhook. */
    public static WebhookJobExample start(URI server, String key, String secret, Clock clock) throws IOException {
        return new WebhookJobExample(server, key, secret, clock);
    }

    /** A new random secret in Standard Webhooks form. */
    public static String newSecret() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    public static void main(String[] args) throws Exception {
        var url = URI.create(System.getenv().getOrDefault("ACTIONPORT_URL", "http://127.0.0.1:8787"));
        try (var job = start(url, System.getenv("ACTIONPORT_KEY"), newSecret(), Clock.systemUTC())) {
            var batch = "nightly-" + System.currentTimeMillis();
            var id = job.trigger(
                    "bulk-import",
                    Map.of("batch_id", batch, "issues", List.of(Map.of("title", "a"), Map.of("title", "b"))),
                    batch);
            System.out.println("triggered " + id + ", waiting for its webhook");
            System.out.println(job.await(id, Duration.ofMinutes(2)));
        }
    }

    /** The URL the server delivers completions to. */
    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/actionport-webhook");
    }

    /**
     * Triggers an action of the demo connection to run in the background and returns its execution id.
     *
     * @param idempotencyKey the same key with the same input returns the same execution instead of running twice
     */
    public String trigger(String action, Map<String, ?> input, String idempotencyKey) {
        var response = send(
                "POST",
                "/action/trigger",
                Map.of("action_name", action, "input", input),
                Map.of(
                        "X-Async", "true",
                        "Idempotency-Key", idempotencyKey,
                        "Provider-Config-Key", "demo",
                        "Connection-Id", "demo"));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("trigger answered " + response.statusCode() + ": " + response.body());
        }
        var id = JSON.readTree(response.body()).path("id").asString();
        completions.computeIfAbsent(id, ignored -> new CompletableFuture<>());
        return id;
    }

    /** Waits for the signed webhook of an execution. */
    public Completion await(String executionId, Duration timeout) throws Exception {
        return completions
                .computeIfAbsent(executionId, ignored -> new CompletableFuture<>())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deliveries refused because their signature or timestamp did not check out, by webhook id. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            var id = headers.getFirst("webhook-id");
            if (!webhooks.verify(
                    id,
                    headers.getFirst("webhook-timestamp"),
                    body,
                    headers.getFirst("webhook-signature"),
                    clock.instant())) {
                rejected.add(String.valueOf(id));
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            // Deliveries are retried under the same webhook-id until one is acknowledged: act once.
            if (seenDeliveries.add(id)) {
                var event = JSON.readTree(body);
                var completion = new Completion(
                        event.path("id").asString(),
                        event.path("status").asString(),
                        event.get("output"),
                        event.get("error"));
                completions
                        .computeIfAbsent(completion.executionId(), ignored -> new CompletableFuture<>())
                        .complete(completion);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private HttpResponse<String> send(String method, String path, Object body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(server.resolve(path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + server, e);
        }
    }

    /** Removes the webhook and stops listening. */
    @Override
    public void close() {
        send("DELETE", "/webhook", null, Map.of());
        receiver.stop(0);
        http.close();
    }
}
