package io.actionport.server.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.actionport.server.async.EndAnnouncements;
import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.metrics.Metrics;
import io.actionport.server.runner.ExecutionEvents;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.Json;
import io.actionport.server.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each async execution's completion to its environment's webhook, signed, through the
 * durable queue: retried with backoff, the same message id on every attempt, every attempt recorded.
 * A delivery lost to a node that died between storing the end and queueing it is queued by the
 * node that takes the execution's task over ({@link EndAnnouncements}).
 */
public final class WebhookDeliveries implements EndAnnouncements {

    public static final String TASK = "deliver-webhook";
    public static final int MAX_ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final WebhookStore webhooks;
    private final ExecutionStore executions;
    private final Metrics metrics;
    private final Clock clock;
    private final int outputLimitBytes;
    private final Duration firstRetry;
    private final SignedPost post;
    private final CustomTask<String> task;
    private volatile Scheduler scheduler;

    /**
     * @param outputLimitBytes outputs up to this size ride in the webhook body; larger ones are fetched
     * @param firstRetry the wait before the second attempt; it doubles after each failure
     * @param http sends deliveries where the egress policy allows, following no redirect
     */
    public WebhookDeliveries(
            EgressHttpClient http,
            WebhookStore webhooks,
            ExecutionStore executions,
            Metrics metrics,
            Clock clock,
            int outputLimitBytes,
            Duration firstRetry) {
        this.post = new SignedPost(http, clock);
        this.webhooks = webhooks;
        this.executions = executions;
        this.metrics = metrics;
        this.clock = clock;
        this.outputLimitBytes = outputLimitBytes;
        this.firstRetry = firstRetry;
        this.task = Tasks.custom(TASK, String.class).execute((instance, context) -> deliver(instance));
    }

    public CustomTask<String> task() {
        return task;
    }

    /** Starts sending once the scheduler exists; async executions that finish from now on are announced. */
    public void attach(Scheduler scheduler, ExecutionEvents events) {
        this.scheduler = scheduler;
        events.onFinished(finished -> {
            if (finished.async() && webhooks.isSet(finished.environment())) {
                scheduler.schedule(task.instance(finished.executionId(), finished.executionId()), clock.instant());
            }
        });
    }

    @Override
    public boolean announces(String environment) {
        return webhooks.isSet(environment);
    }

    @Override
    public void announceAgain(ExecutionRecord record) {
        var id = record.id();
        if (!webhooks.isSet(record.environment()) || !webhooks.deliveries(id).isEmpty()) {
            return;
        }
        if (scheduler.scheduleIfNotExists(task.instance(id, id), clock.instant())) {
            log.info("queued the webhook of execution {}: its node stopped after storing its end", id);
        }
    }

    private CompletionHandler<String> deliver(TaskInstance<String> instance) {
        var executionId = instance.getData();
        var record = executions.find(executionId).orElse(null);
        var webhook =
                record == null ? null : webhooks.find(record.environment()).orElse(null);
        if (webhook == null) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        int attempt = webhooks.deliveries(executionId).size() + 1;
        var delivery = post.send(webhook, "msg_" + executionId, attempt, body(record));
        webhooks.recordDelivery(executionId, webhook.url(), delivery);
        if (delivery.error() == null) {
            metrics.webhookDelivery("delivered");
            return new CompletionHandler.OnCompleteRemove<>();
        }
        if (attempt >= MAX_ATTEMPTS) {
            metrics.webhookDelivery("abandoned");
            log.warn(
                    "gave up delivering the webhook of execution {} after {} attempts: {}",
                    executionId,
                    attempt,
                    delivery.error());
            return new CompletionHandler.OnCompleteRemove<>();
        }
        metrics.webhookDelivery("retried");
        var wait = SignedPost.retryWait(attempt, firstRetry);
        log.info(
                "webhook delivery of execution {} failed (attempt {} of {}): {}; retrying in {} ms",
                executionId,
                attempt,
                MAX_ATTEMPTS,
                delivery.error(),
                wait.toMillis());
        return (complete, operations) ->
                operations.reschedule(complete, clock.instant().plus(wait));
    }

    private String body(ExecutionRecord record) {
        var body = Json.MAPPER.createObjectNode();
        body.put("type", "execution.finished");
        body.put("id", record.id());
        body.put("statusUrl", "/action/" + record.id());
        body.put("environment", record.environment());
        body.put("action", record.actionName());
        body.put("providerConfigKey", record.integration());
        body.put("connectionId", record.connectionId());
        body.put("status", record.status().wireName());
        if (record.status() == ExecutionStatus.SUCCEEDED && record.output() != null) {
            if (record.output().length() <= outputLimitBytes) {
                body.set("output", Json.MAPPER.readTree(record.output()));
            } else {
                body.put(
                        "outputOmitted", "the output is over " + outputLimitBytes + " bytes; GET the statusUrl for it");
            }
        }
        if (record.errorCode() != null) {
            body.putObject("error").put("code", record.errorCode()).put("message", record.errorMessage());
        }
        return body.toString();
    }
}
