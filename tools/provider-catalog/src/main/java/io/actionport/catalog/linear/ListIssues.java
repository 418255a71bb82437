package io.actionport.catalog.linear;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Optional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lists Linear issues, most recently updated first, a page at a time. */
public final class ListIssues implements Action<ListIssues.Input, ListIssues.Output> {

    public enum StateType {
        triage,
        backlog,
        unstarted,
        started,
        completed,
        canceled
    }

    public record Input(
            @Optional @Description("Only this team's issues, by team key, e.g. ENG.")
            String team,

            @Optional @Description("Only issues whose state has this type, e.g. started for in progress.")
            StateType state_type,

            @Optional @Default("25") @Description("Issues per page, 1 to 100.")
            Integer limit,

            @Optional @Description("Pass next_cursor from the previous call for the next page.")
            String cursor) {}

    public record Output(
            @Description("The issues of this page, most recently updated first.")
            List<IssueSummary> issues,

            @Optional @Description("The cursor of the next page; null on the last page.")
            String next_cursor) {}

    private record Data(Linear.Nodes<Linear.Issue> issues) {}

    private record Page(Data data, List<Linear.Error> errors) implements Linear.Result {}

    private static final String LIST = """
            query List($filter: IssueFilter, $first: Int!, $after: String) {
              issues(filter: $filter, first: $first, after: $after, orderBy: updatedAt) {
                nodes { ...IssueFields }
                pageInfo { hasNextPage endCursor }
              }
            }
            """ + Linear.ISSUE_FIELDS;

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "linear", "list-issues", Input.class, Output.class)
            .title("List Linear issues")
            .description("Lists Linear issues, most recently updated first, optionally of one team and one state "
                    + "type. When next_cursor is set, call again with cursor=next_cursor for more.")
            .hints(ActionHints.READ)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var filter = new HashMap<String, Object>();
        if (input.team() != null) {
            filter.put("team", Map.of("key", Map.of("eq", input.team())));
        }
        if (input.state_type() != null) {
            filter.put("state", Map.of("type", Map.of("eq", input.state_type().name())));
        }
        var variables = new HashMap<String, Object>();
        variables.put("filter", filter);
        variables.put("first", input.limit() == null ? 25 : Math.clamp(input.limit(), 1, 100));
        variables.put("after", input.cursor());
        var issues = Linear.execute(context.provider(), LIST, variables, Page.class)
                .data()
                .issues();
        return new Output(
                issues.nodes().stream().map(IssueSummary::of).toList(),
                issues.pageInfo().hasNextPage() ? issues.pageInfo().endCursor() : null);
    }
}
