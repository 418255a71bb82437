package io.actionport.catalog.demo;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Optional;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Lists issues of the demo issue tracker, newest first. */
public final class ListIssues implements Action<ListIssues.Input, ListIssues.Output> {

    public enum State {
        open,
        closed,
        all
    }

    public record Input(
            @Optional @Default("\"open\"") @Description("Which issues to list.")
            State state,

            @Optional @Default("20") @Description("At most this many issues, 1 to 100.")
            Integer limit) {}

    public record Output(
            @Description("The issues, newest first.") List<DemoIssues.Issue> issues) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "demo", "list-issues", Input.class, Output.class)
            .title("List issues")
            .description("Lists issues in the demo tracker, newest first, filtered by state.")
            .hints(ActionHints.READ)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var state = input.state() == null ? State.open : input.state();
        int limit = input.limit() == null ? 20 : Math.clamp(input.limit(), 1, 100);
        var issues = context.provider()
                .getJson(
                        "/issues",
                        Map.of("state", state.name(), "limit", Integer.toString(limit)),
                        DemoIssues.Issue[].class);
        return new Output(Arrays.asList(issues));
    }
}
