package io.actionport.server.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.store.Json;
import io.actionport.server.store.WebhookStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends events other than execution completions (such as {@code connection.created}) to their
 * environment's webhook, signed as completions are, through the durable queue: retried with
 * backoff, the same message id on every attempt, every attempt recorded under the event id.
 */
public final class EventDeliveries {

    public static final String TASK = "deliver-event";

    private static final Logger log = LoggerFactory.getLogger(EventDeliveries.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignedPost post;
    private final WebhookStore webhooks;
    private final Clock clock;
    private final Duration firstRetry;
    private final CustomTask<String> task;
    private volatile Scheduler scheduler;

    public EventDeliveries(EgressHttpClient http, WebhookStore webhooks, Clock clock, Duration firstRetry) {
        this.post = new SignedPost(http, clock);
        this.webhooks = webhooks;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.task = Tasks.custom(TASK, String.class).execute((instance, context) -> deliver(instance));
    }

    public CustomTask<String> task() {
        return task;
    }

    public void attach(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Queues an event for the environment's webhook, if it has one; {@code body} gets the event's
     * {@code type}, {@code id}, {@code environment} and {@code createdAt}.
     */
    public void publish(String environment, String type, ObjectNode body) {
        if (webhooks.find(environment).isEmpty()) {
            return;
        }
        var id = "evt_" + HexFormat.of().formatHex(randomBytes());
        var event = Json.MAPPER
                .createObjectNode()
                .put("type", type)
                .put("id", id)
                .put("environment", environment)
                .put("createdAt", clock.instant().toString());
        event.setAll(body);
        scheduler.schedule(task.instance(id, event.toString()), clock.instant());
    }

    private CompletionHandler<String> deliver(TaskInstance<String> instance) {
        var event = (ObjectNode) Json.MAPPER.readTree(instance.getData());
        var id = event.path("id").asString();
        var webhook = webhooks.find(event.path("environment").asString()).orElse(null);
        if (webhook == null) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        int attempt = webhooks.deliveries(id).size() + 1;
        var delivery = post.send(webhook, "msg_" + id, attempt, event.toString());
        webhooks.recordDelivery(id, webhook.url(), delivery);
        if (delivery.error() == null) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        if (attempt >= WebhookDeliveries.MAX_ATTEMPTS) {
            log.warn("gave up delivering event {} after {} attempts: {}", id, attempt, delivery.error());
            return new CompletionHandler.OnCompleteRemove<>();
        }
        var wait = SignedPost.retryWait(attempt, firstRetry);
        log.info(
                "delivery of event {} failed (attempt {}): {}; retrying in {} ms",
                id,
                attempt,
                delivery.error(),
                wait.toMillis());
        return (complete, operations) ->
                operations.reschedule(complete, clock.instant().plus(wait));
    }

    private static byte[] randomBytes() {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
