package io.actionport.catalog.github;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;
import java.util.Map;

/** Reads one issue of a GitHub repository, with its description. */
public final class GetIssue implements Action<GetIssue.Input, GetIssue.Output> {

    public record Input(
            @Description("The repository owner: a user or organization login.")
            String owner,

            @Description("The repository name.") String repo,
            @Description("The issue number, e.g. 42.") long number) {}

    public record Output(
            @Description("The issue in short.") IssueSummary issue,

            @Optional @Description("The description, in GitHub Markdown; null when empty.")
            String body,

            @Optional @Description("Why it was closed: completed, not_planned or reopened; null while open.")
            String state_reason,

            @Optional @Description("When it was closed; null while open.") @Format("date-time")
            String closed_at,

            @Description("True when the number belongs to a pull request, which GitHub also serves as an issue.")
            boolean is_pull_request) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "github", "get-issue", Input.class, Output.class)
            .title("Get a GitHub issue")
            .description("Reads one issue of a GitHub repository by number: title, state, labels, "
                    + "assignees and its description. Fails with not_found for an unknown number.")
            .hints(ActionHints.READ)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var path = GitHub.repo(input.owner(), input.repo()) + "/issues/" + input.number();
        var issue = GitHub.send(
                        context.provider(),
                        GitHub.request("GET", path, Map.of(), null),
                        "issue #" + input.number() + " in " + input.owner() + "/" + input.repo())
                .json(GitHub.Issue.class);
        return new Output(
                IssueSummary.of(issue), issue.body(), issue.state_reason(), issue.closed_at(), issue.isPullRequest());
    }
}
