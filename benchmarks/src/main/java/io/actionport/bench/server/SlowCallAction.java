package io.actionport.bench.server;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import java.time.Duration;
import java.util.Map;

/** Calls its provider once and waits for the answer: the in-flight benchmark's provider takes a second. */
public final class SlowCallAction implements Action<SlowCallAction.Input, SlowCallAction.Output> {

    public static final String INTEGRATION = "slow";
    public static final String NAME = "wait";

    public record Input(
            @Description("Any text; sent nowhere.") String message) {}

    public record Output(
            @Description("How many fields the provider answered with.")
            int fields) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    INTEGRATION, NAME, Input.class, Output.class)
            .title("Wait on the provider")
            .description("Calls the slow provider's /wait endpoint once and returns when it answers.")
            .hints(ActionHints.READ)
            // The in-flight provider holds each call until all have arrived or 25 s passed; the default
            // 30 s timeout would leave no room for the server's own queueing on a busy machine.
            .timeout(Duration.ofMinutes(1))
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        Map<?, ?> answer = context.provider().getJson("/wait", Map.class);
        return new Output(answer.size());
    }
}
