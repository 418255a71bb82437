package io.actionport.server.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Each environment's completion webhook (the secret encrypted) and every delivery attempt. */
public final class WebhookStore {

    /**
     * Where an environment's completion webhooks go.
     *
     * @param url the receiver
     * @param secret the Standard Webhooks secret, {@code whsec_} and Base64
     */
    public record Webhook(String url, String secret) {
        @Override
        public String toString() {
            return "Webhook[" + url + "]";
        }
    }

    /**
     * One delivery attempt.
     *
     * @param messageId the {@code webhook-id}, the same on every attempt
     * @param attempt the attempt number, from 1
     * @param statusCode the receiver's status, or null when it did not answer
     * @param error why it failed, or null
     * @param at when
     */
    public record Delivery(String messageId, int attempt, Integer statusCode, String error, Instant at) {}

    /**
     * How long this node trusts what it last read of whether an environment has a webhook: every
     * async execution's end asks, and a change made on this node is seen at once, one made on
     * another node within this time.
     */
    static final Duration PRESENCE_KEPT = Duration.ofSeconds(1);

    /** Whether an environment had a webhook, read at {@code readAtNanos}. */
    private record Presence(boolean set, long readAtNanos) {}

    private final Jdbc jdbc;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Map<String, Presence> presence = new ConcurrentHashMap<>();

    public WebhookStore(Database database, SecretCipher cipher, Clock clock) {
        this.jdbc = new Jdbc(database.dataSource());
        this.cipher = cipher;
        this.clock = clock;
    }

    public void set(String environment, Webhook webhook) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "DELETE FROM webhooks WHERE environment = ?", environment);
            Jdbc.update(
                    connection,
                    "INSERT INTO webhooks (environment, url, secret_cipher, updated_at) VALUES (?, ?, ?, ?)",
                    environment,
                    webhook.url(),
                    cipher.encrypt(webhook.secret()),
                    clock.instant());
            return null;
        });
        presence.remove(environment);
    }

    public void remove(String environment) {
        jdbc.update("DELETE FROM webhooks WHERE environment = ?", environment);
        presence.remove(environment);
    }

    /** Whether the environment has a webhook, as read at most {@link #PRESENCE_KEPT} ago. */
    public boolean isSet(String environment) {
        var known = presence.get(environment);
        long now = System.nanoTime();
        if (known != null && now - known.readAtNanos() < PRESENCE_KEPT.toNanos()) {
            return known.set();
        }
        boolean set = jdbc.queryOne("SELECT 1 FROM webhooks WHERE environment = ?", row -> true, environment)
                .isPresent();
        presence.put(environment, new Presence(set, now));
        return set;
    }

    public Optional<Webhook> find(String environment) {
        return jdbc.queryOne(
                "SELECT url, secret_cipher FROM webhooks WHERE environment = ?",
                row -> new Webhook(row.getString(1), cipher.decrypt(row.getString(2))),
                environment);
    }

    public void recordDelivery(String executionId, String url, Delivery delivery) {
        jdbc.update(
                "INSERT INTO webhook_deliveries (message_id, attempt, execution_id, url, status_code, error, attempted_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                delivery.messageId(),
                delivery.attempt(),
                executionId,
                url,
                delivery.statusCode(),
                delivery.error(),
                delivery.at());
    }

    public List<Delivery> deliveries(String executionId) {
        return jdbc.query(
                "SELECT message_id, attempt, status_code, error, attempted_at FROM webhook_deliveries "
                        + "WHERE execution_id = ? ORDER BY attempt",
                row -> new Delivery(
                        row.getString(1),
                        row.getInt(2),
                        (Integer) row.getObject(3),
                        row.getString(4),
                        Jdbc.instant(row, "attempted_at")),
                executionId);
    }
}
