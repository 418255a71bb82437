package io.actionport.catalog.demo;

import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;

/** The demo issue tracker's wire shapes, shared by its actions. */
public final class DemoIssues {

    private DemoIssues() {}

    /** The body of a create or upsert call. */
    public record NewIssue(String title, String body) {}

    /** An issue as the tracker returns it. */
    public record Issue(
            @Description("The issue's id.") long id,
            @Description("One-line summary.") String title,

            @Optional @Description("Longer description, in Markdown.")
            String body,

            @Description("open or closed.") String state,

            @Description("Where a human can see the issue.") @Format("uri")
            String url) {}
}
