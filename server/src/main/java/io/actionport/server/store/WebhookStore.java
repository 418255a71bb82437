package io.actionport.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    private final Jdbc jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

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
    }

    public void remove(String environment) {
        jdbc.update("DELETE FROM webhooks WHERE environment = ?", environment);
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
