package io.actionport.catalog.demo;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;

/** Creates one issue in the demo issue tracker. */
public final class CreateIssue implements Action<CreateIssue.Input, CreateIssue.Output> {

    public record Input(
            @Description("One-line summary of the issue.") String title,

            @Optional @Description("Longer description, in Markdown.")
            String body) {}

    public record Output(
            @Description("The new issue's id.") long id,

            @Description("Where a human can see the issue.") @Format("uri")
            String url) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "demo", "create-issue", Input.class, Output.class)
            .title("Create issue")
            .description("Creates an issue in the demo tracker and returns its id and URL. "
                    + "Not idempotent: calling it twice creates two issues.")
            .hints(ActionHints.WRITE)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var issue = context.provider()
                .postJson("/issues", new DemoIssues.NewIssue(input.title(), input.body()), DemoIssues.Issue.class);
        context.log()
                .info("created issue {}", issue.id(), java.util.Map.of("issue_id", issue.id(), "url", issue.url()));
        return new Output(issue.id(), issue.url());
    }
}
