package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import java.time.Duration;
import java.util.Map;

/**
 * A non-idempotent write to the {@code sink} integration: one POST naming its execution, which a
 * provider running in the test JVM records. Deployed to server processes as a bundle jar.
 */
public final class SinkWrite implements Action<SinkWrite.Write, SinkWrite.Written> {

    public record Write(
            @Description("A label for the write.") String label) {}

    public record Written(@Description("The label written.") String label) {}

    @Override
    public ActionDescriptor<Write, Written> descriptor() {
        return ActionDescriptor.builder("sink", "write", Write.class, Written.class)
                .description("Writes once; a second write would duplicate it.")
                .hints(ActionHints.WRITE)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public Written run(Write input, ActionContext context) {
        context.provider()
                .postJson(
                        "/writes",
                        Map.of("execution_id", context.executionId(), "label", input.label(), "kind", "write"),
                        Map.class);
        return new Written(input.label());
    }
}
