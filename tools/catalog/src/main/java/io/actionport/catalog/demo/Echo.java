package io.actionport.catalog.demo;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;

/** Returns its message unchanged: the smallest possible tool, for trying a client. */
public final class Echo implements Action<Echo.Input, Echo.Output> {

    public record Input(
            @Description("Any text; it comes back unchanged.")
            String message) {}

    public record Output(
            @Description("The message that was sent.") String message) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "demo", "echo", Input.class, Output.class)
            .title("Echo")
            .description("Returns the given message unchanged. Use it to check that tool calls work.")
            .hints(ActionHints.READ.closedWorld())
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        return new Output(input.message());
    }
}
