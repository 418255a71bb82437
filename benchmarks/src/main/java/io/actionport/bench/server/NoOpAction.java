package io.actionport.bench.server;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.Optional;

/** A generated action that does nothing, to fill an environment with tools for {@code tools/list}. */
public final class NoOpAction implements Action<NoOpAction.Input, NoOpAction.Output> {

    public record Input(
            @Description("Any text; ignored.") String message,

            @Optional @Description("How many times to ignore it.")
            Integer times) {}

    public record Output(@Description("Always true.") boolean ok) {}

    private final ActionDescriptor<Input, Output> descriptor;

    public NoOpAction(String integration, String name) {
        this.descriptor = ActionDescriptor.builder(integration, name, Input.class, Output.class)
                .title("No-op " + name)
                .description("Does nothing and answers ok; one of the generated actions of the tools/list benchmark.")
                .hints(ActionHints.READ.closedWorld())
                .build();
    }

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return descriptor;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        return new Output(true);
    }
}
