package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.RetryPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * An idempotent write to the {@code sink} integration: a PUT of its execution's resource, safe to
 * repeat, retried. Deployed to server processes as a bundle jar.
 */
public final class SinkPut implements Action<SinkPut.Put, SinkPut.Stored> {

    public record Put(@Description("A label for the write.") String label) {}

    public record Stored(@Description("The label stored.") String label) {}

    @Override
    public ActionDescriptor<Put, Stored> descriptor() {
        return ActionDescriptor.builder("sink", "put", Put.class, Stored.class)
                .description("Stores a resource under the execution's id; repeating it changes nothing.")
                .hints(ActionHints.IDEMPOTENT_WRITE)
                .retryPolicy(RetryPolicy.exponential(4))
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public Stored run(Put input, ActionContext context) {
        context.provider()
                .putJson(
                        "/writes/" + context.executionId(),
                        Map.of("execution_id", context.executionId(), "label", input.label(), "kind", "put"),
                        Map.class);
        return new Stored(input.label());
    }
}
