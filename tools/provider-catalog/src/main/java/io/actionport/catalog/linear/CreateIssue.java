package io.actionport.catalog.linear;

import io.actionport.catalog.errors.ProviderErrors;
import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Optional;
import io.actionport.sdk.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates a Linear issue, at most once per client key.
 *
 * <p>Linear lets the client choose a new issue's id, so the id is derived from the team and the
 * caller's key: a second call finds the issue by that id and returns it instead of creating another.
 */
public final class CreateIssue implements Action<CreateIssue.Input, CreateIssue.Output> {

    public record Input(
            @Description("The team's key, e.g. ENG (the prefix of its issue keys).")
            String team,

            @Description("One-line summary of the issue.") String title,

            @Optional @Description("Longer description, in Markdown.")
            String description,

            @Optional @Default("0") @Description("0 none, 1 urgent, 2 high, 3 medium, 4 low.")
            Integer priority,

            @Description("Your key for this issue, e.g. 'ci:lint:main'. Calling again with the same team and key "
                    + "returns the issue made the first time instead of creating a duplicate.")
            String client_key) {}

    public record Output(
            @Description("The issue.") IssueSummary issue,

            @Description("False when an earlier call with this client_key had already created it.")
            boolean created) {}

    private record LookupData(Linear.Nodes<Linear.Issue> issues, Linear.Nodes<Linear.Team> teams) {}

    private record Lookup(LookupData data, List<Linear.Error> errors) implements Linear.Result {}

    private record Payload(boolean success, Linear.Issue issue) {}

    private record CreateData(Payload issueCreate) {}

    private record Create(CreateData data, List<Linear.Error> errors) implements Linear.Result {}

    private static final String LOOKUP = """
            query Lookup($id: ID!, $team: String!) {
              issues(filter: { id: { eq: $id } }, includeArchived: true) { nodes { ...IssueFields } }
              teams(filter: { key: { eq: $team } }) { nodes { id key } }
            }
            """ + Linear.ISSUE_FIELDS;

    private static final String CREATE = """
            mutation Create($input: IssueCreateInput!) {
              issueCreate(input: $input) { success issue { ...IssueFields } }
            }
            """ + Linear.ISSUE_FIELDS;

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "linear", "create-issue", Input.class, Output.class)
            .title("Create a Linear issue")
            .description("Creates an issue in a Linear team and returns its key (e.g. ENG-123) and URL. "
                    + "Idempotent by client_key: the issue's id is derived from the team and client_key, so "
                    + "calling again with the same ones returns the existing issue (created=false).")
            .hints(ActionHints.IDEMPOTENT_WRITE)
            .retryPolicy(RetryPolicy.exponential(3))
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        if (input.priority() != null && (input.priority() < 0 || input.priority() > 4)) {
            throw ProviderErrors.validationFailed(Linear.PROVIDER, "priority must be 0 to 4, was " + input.priority());
        }
        var id = issueId(input.team(), input.client_key());
        var lookup = lookup(context, id, input.team());
        if (!lookup.issues().nodes().isEmpty()) {
            var existing = lookup.issues().nodes().getFirst();
            context.log().info("client key {} already made {}", input.client_key(), existing.identifier());
            return new Output(IssueSummary.of(existing), false);
        }
        if (lookup.teams().nodes().isEmpty()) {
            throw ProviderErrors.notFound(Linear.PROVIDER, "team with key " + input.team(), "teams(filter) was empty");
        }
        var issue = new HashMap<String, Object>();
        issue.put("id", id);
        issue.put("teamId", lookup.teams().nodes().getFirst().id());
        issue.put("title", input.title());
        if (input.description() != null) {
            issue.put("description", input.description());
        }
        if (input.priority() != null) {
            issue.put("priority", input.priority());
        }
        Payload payload;
        try {
            payload = Linear.execute(context.provider(), CREATE, Map.of("input", issue), Create.class)
                    .data()
                    .issueCreate();
        } catch (ActionException refused) {
            if (!refused.code().equals(ProviderErrors.VALIDATION_FAILED)) {
                throw refused;
            }
            // Linear refuses a taken id: a concurrent call with the same key won the race, and its
            // issue is ours too.
            var again = lookup(context, id, input.team()).issues().nodes();
            if (again.isEmpty()) {
                throw refused;
            }
            return new Output(IssueSummary.of(again.getFirst()), false);
        }
        if (!payload.success() || payload.issue() == null) {
            throw new ActionException("linear_error", "Linear answered success=false to issueCreate");
        }
        context.log().info("created {}", payload.issue().identifier());
        return new Output(IssueSummary.of(payload.issue()), true);
    }

    /** A version-4-shaped UUID, as Linear requires, derived from the team and the client key. */
    static String issueId(String team, String clientKey) {
        var named = UUID.nameUUIDFromBytes(
                ("actionport:linear:" + team + ":" + clientKey).getBytes(StandardCharsets.UTF_8));
        var versionFour = (named.getMostSignificantBits() & ~0xF000L) | 0x4000L;
        return new UUID(versionFour, named.getLeastSignificantBits()).toString();
    }

    private static LookupData lookup(ActionContext context, String id, String team) {
        return Linear.execute(context.provider(), LOOKUP, Map.of("id", id, "team", team), Lookup.class)
                .data();
    }
}
