package io.actionport.server.async;

import java.time.Duration;

/**
 * How the durable queue behaves.
 *
 * @param workers executions one node takes from the queue at once (each on a virtual thread), and
 *     as many again that it runs where they were accepted, without waiting on the queue
 * @param pollInterval how often a node looks for due work it was not told about (retries, other nodes' work)
 * @param heartbeatInterval how often a node proves it is alive while running an execution; every
 *     running execution's row is touched each time, so a short interval overloads the store when
 *     thousands run at once (5 s by default: a dead node's work is taken over after about 20 s)
 * @param missedHeartbeats after this many missed heartbeats another node takes the execution over
 * @param perConnectionLimit executions of one connection that run at once on a node
 * @param perIntegrationRate executions of one integration started per second on a node, 0 for no limit
 * @param syncBudget how long an MCP call to an {@code async-when-slow} action waits before answering with a link
 * @param idempotencyWindow how long an Idempotency-Key is remembered
 * @param webhookOutputLimit outputs up to this many bytes ride in completion webhooks; larger ones are fetched
 */
public record AsyncConfig(
        int workers,
        Duration pollInterval,
        Duration heartbeatInterval,
        int missedHeartbeats,
        int perConnectionLimit,
        double perIntegrationRate,
        Duration syncBudget,
        Duration idempotencyWindow,
        int webhookOutputLimit) {

    public AsyncConfig {
        if (workers < 1 || perConnectionLimit < 1) {
            throw new IllegalArgumentException("workers and perConnectionLimit must be at least 1");
        }
        if (missedHeartbeats < 4) {
            throw new IllegalArgumentException("missedHeartbeats must be at least 4 (db-scheduler's floor)");
        }
    }

    public static AsyncConfig defaults() {
        return new AsyncConfig(
                256,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                4,
                16,
                0,
                Duration.ofSeconds(10),
                Duration.ofHours(24),
                64 * 1024);
    }

    public AsyncConfig withHeartbeat(Duration interval, int missed) {
        return new AsyncConfig(
                workers,
                pollInterval,
                interval,
                missed,
                perConnectionLimit,
                perIntegrationRate,
                syncBudget,
                idempotencyWindow,
                webhookOutputLimit);
    }

    public AsyncConfig withLimits(int perConnection, double perIntegrationPerSecond) {
        return new AsyncConfig(
                workers,
                pollInterval,
                heartbeatInterval,
                missedHeartbeats,
                perConnection,
                perIntegrationPerSecond,
                syncBudget,
                idempotencyWindow,
                webhookOutputLimit);
    }

    public AsyncConfig withSyncBudget(Duration budget) {
        return new AsyncConfig(
                workers,
                pollInterval,
                heartbeatInterval,
                missedHeartbeats,
                perConnectionLimit,
                perIntegrationRate,
                budget,
                idempotencyWindow,
                webhookOutputLimit);
    }

    public AsyncConfig withWorkers(int count) {
        return new AsyncConfig(
                count,
                pollInterval,
                heartbeatInterval,
                missedHeartbeats,
                perConnectionLimit,
                perIntegrationRate,
                syncBudget,
                idempotencyWindow,
                webhookOutputLimit);
    }

    public AsyncConfig withIdempotencyWindow(Duration window) {
        return new AsyncConfig(
                workers,
                pollInterval,
                heartbeatInterval,
                missedHeartbeats,
                perConnectionLimit,
                perIntegrationRate,
                syncBudget,
                window,
                webhookOutputLimit);
    }

    public AsyncConfig withWebhookOutputLimit(int bytes) {
        return new AsyncConfig(
                workers,
                pollInterval,
                heartbeatInterval,
                missedHeartbeats,
                perConnectionLimit,
                perIntegrationRate,
                syncBudget,
                idempotencyWindow,
                bytes);
    }
}
