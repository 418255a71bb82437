package io.actionport.catalog.github;

import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;
import java.util.List;

/** A GitHub issue in short: what a model needs to pick one and talk about it. */
public record IssueSummary(
        @Description("The issue number within its repository, e.g. 42.")
        long number,

        @Description("One-line summary.") String title,
        @Description("open or closed.") String state,

        @Description("Where a human can see the issue.") @Format("uri")
        String url,

        @Optional @Description("Who opened it (GitHub login).")
        String author,

        @Description("Label names.") List<String> labels,
        @Description("Logins of the assignees.") List<String> assignees,
        @Description("Number of comments.") int comments,

        @Description("When it was last updated.") @Format("date-time")
        String updated_at) {

    static IssueSummary of(GitHub.Issue issue) {
        return new IssueSummary(
                issue.number(),
                issue.title(),
                issue.state(),
                issue.html_url(),
                issue.user() == null ? null : issue.user().login(),
                issue.labels() == null
                        ? List.of()
                        : issue.labels().stream().map(GitHub.Label::name).toList(),
                issue.assignees() == null
                        ? List.of()
                        : issue.assignees().stream().map(GitHub.User::login).toList(),
                issue.comments() == null ? 0 : issue.comments(),
                issue.updated_at());
    }
}
