package io.actionport.catalog.github;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;
import java.util.List;
import java.util.Map;

/** Opens one issue in a GitHub repository. */
public final class CreateIssue implements Action<CreateIssue.Input, CreateIssue.Output> {

    public record Input(
            @Description("The repository owner: a user or organization login, e.g. octocat.")
            String owner,

            @Description("The repository name, e.g. hello-world.")
            String repo,

            @Description("One-line summary of the issue.") String title,

            @Optional @Description("Longer description, in GitHub Markdown.")
            String body,

            @Optional @Description("Label names to set; GitHub drops them silently without triage access.")
            List<String> labels,

            @Optional @Description("Logins to assign; GitHub drops them silently without triage access.")
            List<String> assignees) {}

    public record Output(
            @Description("The new issue's number within the repository.")
            long number,

            @Description("Where a human can see the issue.") @Format("uri")
            String url) {}

    private record NewIssue(String title, String body, List<String> labels, List<String> assignees) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "github", "create-issue", Input.class, Output.class)
            .title("Create a GitHub issue")
            .description("Opens a new issue in a GitHub repository and returns its number and URL. "
                    + "Not idempotent: GitHub has no idempotency key, so calling it twice opens two issues. "
                    + "Use search-issues first when a duplicate would hurt, or create-issues, which is keyed.")
            .hints(ActionHints.WRITE)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var repo = GitHub.repo(input.owner(), input.repo());
        var request = GitHub.request(
                "POST",
                repo + "/issues",
                Map.of(),
                new NewIssue(input.title(), input.body(), input.labels(), input.assignees()));
        var issue = GitHub.send(context.provider(), request, "repository " + input.owner() + "/" + input.repo())
                .json(GitHub.Issue.class);
        context.log().info("opened issue #{} in {}/{}", issue.number(), input.owner(), input.repo());
        return new Output(issue.number(), issue.html_url());
    }
}
