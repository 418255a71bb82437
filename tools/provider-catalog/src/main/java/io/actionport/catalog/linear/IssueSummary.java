package io.actionport.catalog.linear;

import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;

/** A Linear issue in short. */
public record IssueSummary(
        @Description("Linear's id of the issue (a UUID).") String id,
        @Description("The human key, e.g. ENG-123.") String identifier,
        @Description("One-line summary.") String title,

        @Description("The workflow state's name, e.g. In Progress.")
        String state,

        @Description("The state's type: triage, backlog, unstarted, started, completed or canceled.")
        String state_type,

        @Description("0 none, 1 urgent, 2 high, 3 medium, 4 low.")
        int priority,

        @Optional @Description("Who it is assigned to; null when nobody.")
        String assignee,

        @Description("Where a human can see the issue.") @Format("uri")
        String url,

        @Description("When it was last updated.") @Format("date-time")
        String updated_at) {

    static IssueSummary of(Linear.Issue issue) {
        return new IssueSummary(
                issue.id(),
                issue.identifier(),
                issue.title(),
                issue.state().name(),
                issue.state().type(),
                issue.priority() == null ? 0 : issue.priority().intValue(),
                issue.assignee() == null ? null : issue.assignee().name(),
                issue.url(),
                issue.updatedAt());
    }
}
