package io.actionport.catalog.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actionport.catalog.Fixtures;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.testing.ActionTestKit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Linear actions against recorded answers of its GraphQL API. */
class LinearActionsTest {

    static final CreateIssue.Input LINT =
            new CreateIssue.Input("ENG", "Lint fails on main", "ESLint: 3 errors in src/cart.ts.", 2, "ci:lint:main");

    @Test
    void create_issue_creates_it_in_the_team_with_an_id_derived_from_the_client_key() {
        var provider = Fixtures.recording("linear/create-issue.json");

        var output = ActionTestKit.run(new CreateIssue(), LINT, provider).output();

        var input = (Map<?, ?>) variables(provider.sent().getLast()).get("input");
        assertThat(input.get("id")).isEqualTo(CreateIssue.issueId("ENG", "ci:lint:main"));
        assertThat(input.get("teamId")).isEqualTo("9cfb482a-81e3-4154-b5b9-2c805e70a02d");
        assertThat(output.created()).isTrue();
        assertThat(output.issue().identifier()).isEqualTo("ENG-482");
        assertThat(output.issue().priority()).isEqualTo(2);
    }

    @Test
    void create_issue_with_a_client_key_used_before_returns_that_issue_and_creates_nothing() {
        var output = ActionTestKit.replay(new CreateIssue(), LINT, Fixtures.path("linear/create-issue-existing.json"));

        assertThat(output.created()).isFalse();
        assertThat(output.issue().id()).isEqualTo(CreateIssue.issueId("ENG", "ci:lint:main"));
    }

    @Test
    void create_issue_in_an_unknown_team_is_not_found() {
        var input = new CreateIssue.Input("NOPE", "Lint fails on main", null, null, "ci:lint:main");

        assertThatThrownBy(() -> ActionTestKit.replay(
                        new CreateIssue(), input, Fixtures.path("linear/create-issue-unknown-team.json")))
                .hasFieldOrPropertyWithValue("code", "not_found")
                .hasMessageStartingWith("Linear has no team with key NOPE");
    }

    @Test
    void issue_ids_are_stable_per_team_and_key_and_shaped_as_uuid_version_4() {
        var id = UUID.fromString(CreateIssue.issueId("ENG", "ci:lint:main"));

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.toString()).isEqualTo(CreateIssue.issueId("ENG", "ci:lint:main"));
        assertThat(id.toString()).isNotEqualTo(CreateIssue.issueId("OPS", "ci:lint:main"));
    }

    @Test
    void list_issues_filters_by_team_and_state_type_and_gives_the_next_cursor() {
        var provider = Fixtures.recording("linear/list-issues.json");

        var output = ActionTestKit.run(
                        new ListIssues(), new ListIssues.Input("ENG", ListIssues.StateType.started, 2, null), provider)
                .output();

        assertThat(variables(provider.sent().getFirst()).get("filter"))
                .isEqualTo(Map.of(
                        "team", Map.of("key", Map.of("eq", "ENG")), "state", Map.of("type", Map.of("eq", "started"))));
        assertThat(output.issues()).extracting(IssueSummary::identifier).containsExactly("ENG-479", "ENG-455");
        assertThat(output.issues().getFirst().assignee()).isEqualTo("Mona Lisa");
        assertThat(output.next_cursor()).isEqualTo("0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b");
    }

    @Test
    void list_issues_with_a_bad_api_key_is_unauthorized_in_linears_words() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new ListIssues(),
                        new ListIssues.Input(null, null, null, null),
                        Fixtures.path("linear/list-issues-bad-key.json")))
                .hasFieldOrPropertyWithValue("code", "unauthorized")
                .hasMessageStartingWith(
                        "Linear refused the connection's credentials (You need to authenticate to access this operation.)");
    }

    @Test
    void list_issues_over_linears_limit_is_rate_limited_with_its_wait() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new ListIssues(),
                        new ListIssues.Input(null, null, null, null),
                        Fixtures.path("linear/list-issues-rate-limited.json")))
                .hasFieldOrPropertyWithValue("code", "rate_limited")
                .hasMessage("Linear rate limit reached, try again in 45 s "
                        + "(Too many API requests. Please wait before trying again.)");
    }

    /** The GraphQL variables of a request the action sent. */
    private static Map<String, Object> variables(ProviderRequest request) {
        return ((Linear.Request) request.body()).variables();
    }
}
