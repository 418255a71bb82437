package io.actionport.catalog.github;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;
import io.actionport.sdk.RetryPolicy;
import java.util.Map;

/** Closes a GitHub issue. */
public final class CloseIssue implements Action<CloseIssue.Input, CloseIssue.Output> {

    public enum Reason {
        completed,
        not_planned
    }

    public record Input(
            @Description("The repository owner: a user or organization login.")
            String owner,

            @Description("The repository name.") String repo,
            @Description("The issue number.") long number,

            @Optional @Default("\"completed\"") @Description("Why: completed (done) or not_planned (won't do).")
            Reason reason) {}

    public record Output(
            @Description("The issue number.") long number,
            @Description("closed.") String state,
            @Description("completed or not_planned.") String state_reason,

            @Description("When it was closed.") @Format("date-time")
            String closed_at,

            @Description("Where a human can see the issue.") @Format("uri")
            String url) {}

    private record Change(String state, String state_reason) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "github", "close-issue", Input.class, Output.class)
            .title("Close a GitHub issue")
            .description("Closes an issue as completed or not_planned. Idempotent: closing a closed issue "
                    + "leaves it closed. It changes the issue's state, which people watching it see; reopening "
                    + "it in GitHub undoes it.")
            .hints(ActionHints.IDEMPOTENT_WRITE.asDestructive())
            .retryPolicy(RetryPolicy.exponential(3))
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var reason = input.reason() == null ? Reason.completed : input.reason();
        var path = GitHub.repo(input.owner(), input.repo()) + "/issues/" + input.number();
        var issue = GitHub.send(
                        context.provider(),
                        GitHub.request("PATCH", path, Map.of(), new Change("closed", reason.name())),
                        "issue #" + input.number() + " in " + input.owner() + "/" + input.repo())
                .json(GitHub.Issue.class);
        context.log().info("closed issue #{} as {}", issue.number(), issue.state_reason());
        return new Output(issue.number(), issue.state(), issue.state_reason(), issue.closed_at(), issue.html_url());
    }
}
