package io.actionport.server.webhook;

import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.egress.EgressRefusedException;
import io.actionport.server.store.WebhookStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One attempt to send a message to an environment's webhook, signed as Standard Webhooks says
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), and the wait before
 * the next attempt; completions and other events go out the same way.
 */
final class SignedPost {

    private final EgressHttpClient http;
    private final Clock clock;

    SignedPost(EgressHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Sends {@code body}; the delivery as recorded, its error null when the receiver answered 2xx. */
    WebhookStore.Delivery send(WebhookStore.Webhook webhook, String messageId, int attempt, String body) {
        long timestamp = clock.instant().getEpochSecond();
        Integer status = null;
        String error = null;
        try {
            var signature = new WebhookSigner(webhook.secret()).sign(messageId, timestamp, body);
            var response = http.send(new EgressHttpClient.Request(
                    "POST",
                    URI.create(webhook.url()),
                    Map.of(
                            "Content-Type", List.of("application/json"),
                            "webhook-id", List.of(messageId),
                            "webhook-timestamp", List.of(Long.toString(timestamp)),
                            "webhook-signature", List.of(signature)),
                    body.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(10)));
            status = response.status();
            if (status / 100 != 2) {
                error = "receiver answered " + status;
            }
        } catch (EgressRefusedException e) {
            error = e.getMessage();
        } catch (IOException e) {
            error = "receiver unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        return new WebhookStore.Delivery(messageId, attempt, status, error, clock.instant());
    }

    /** How long to wait after failed attempt {@code attempt}: {@code firstRetry} doubling, with jitter. */
    static Duration retryWait(int attempt, Duration firstRetry) {
        long base = firstRetry.toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
