package io.actionport.catalog.github;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/** Lists the issues of a GitHub repository, one page at a time, filtered. */
public final class ListIssues implements Action<ListIssues.Input, ListIssues.Output> {

    public enum State {
        open,
        closed,
        all
    }

    public enum Sort {
        created,
        updated,
        comments
    }

    public record Input(
            @Description("The repository owner: a user or organization login.")
            String owner,

            @Description("The repository name.") String repo,

            @Optional @Default("\"open\"") @Description("Which issues: open, closed or all.")
            State state,

            @Optional @Description("Only issues that have all of these labels.")
            List<String> labels,

            @Optional @Description("Only issues assigned to this login; 'none' for unassigned, '*' for any.")
            String assignee,

            @Optional @Description("Only issues updated at or after this time (ISO 8601).") @Format("date-time")
            String since,

            @Optional @Default("\"updated\"") @Description("Order by created, updated or comments, newest first.")
            Sort sort,

            @Optional @Default("30") @Description("Issues per page, 1 to 100.")
            Integer per_page,

            @Optional @Default("1") @Description("The page to read; pass next_page from the previous call.")
            Integer page) {}

    public record Output(
            @Description("The issues of this page; pull requests are left out.")
            List<IssueSummary> issues,

            @Optional @Description("The page to ask for next; null on the last page.")
            Integer next_page) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "github", "list-issues", Input.class, Output.class)
            .title("List GitHub issues")
            .description("Lists issues of one GitHub repository, a page at a time, filtered by state, labels, "
                    + "assignee and last update. Pull requests are left out. When next_page is set, call again "
                    + "with page=next_page for more. To find issues by text, use search-issues.")
            .hints(ActionHints.READ)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var query = new LinkedHashMap<String, String>();
        query.put("state", (input.state() == null ? State.open : input.state()).name());
        query.put("sort", (input.sort() == null ? Sort.updated : input.sort()).name());
        query.put("direction", "desc");
        query.put("per_page", Integer.toString(input.per_page() == null ? 30 : Math.clamp(input.per_page(), 1, 100)));
        query.put("page", Integer.toString(input.page() == null ? 1 : Math.max(1, input.page())));
        if (input.labels() != null && !input.labels().isEmpty()) {
            query.put("labels", String.join(",", input.labels()));
        }
        if (input.assignee() != null) {
            query.put("assignee", input.assignee());
        }
        if (input.since() != null) {
            query.put("since", input.since());
        }
        var response = GitHub.send(
                context.provider(),
                GitHub.request("GET", GitHub.repo(input.owner(), input.repo()) + "/issues", query, null),
                "repository " + input.owner() + "/" + input.repo());
        var issues = Arrays.stream(response.json(GitHub.Issue[].class))
                .filter(issue -> !issue.isPullRequest())
                .map(IssueSummary::of)
                .toList();
        return new Output(issues, GitHub.nextPage(response).orElse(null));
    }
}
