package io.actionport.catalog.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.actionport.catalog.Fixtures;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderException;
import io.actionport.sdk.testing.ActionTestKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GitHub actions against recorded GitHub answers, the refusals included. */
class GitHubActionsTest {

    static final String TITLE = "Checkout test fails on Safari";
    static final String BODY = "`checkout.spec.ts` fails on Safari 18 since build 4812.";
    static final ProviderClient NOTHING = request -> {
        throw new AssertionError("nothing may be sent to GitHub");
    };

    @Test
    void create_issue_returns_the_new_issues_number_and_url() {
        var output = ActionTestKit.replay(
                new CreateIssue(),
                new CreateIssue.Input("acme", "shop", TITLE, BODY, List.of("ci"), null),
                Fixtures.path("github/create-issue.json"));

        assertThat(output).isEqualTo(new CreateIssue.Output(1347, "https://github.com/acme/shop/issues/1347"));
    }

    @Test
    void create_issue_with_an_unknown_assignee_fails_validation_with_githubs_reason() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new CreateIssue(),
                        new CreateIssue.Input("acme", "shop", TITLE, BODY, List.of("ci"), List.of("ghost-user")),
                        Fixtures.path("github/create-issue-invalid-assignee.json")))
                .isInstanceOf(ActionException.class)
                .hasFieldOrPropertyWithValue("code", "validation_failed")
                .hasMessage("GitHub refused the input: Validation Failed: assignees invalid");
    }

    @Test
    void create_issue_refuses_a_repository_name_that_would_leave_the_repository_path() {
        assertThatThrownBy(() -> ActionTestKit.run(
                        new CreateIssue(), new CreateIssue.Input("acme", "..", TITLE, null, null, null), NOTHING))
                .hasFieldOrPropertyWithValue("code", "validation_failed");
    }

    @Test
    void get_issue_maps_the_issue_to_a_short_summary_with_its_body() {
        var output = ActionTestKit.replay(
                new GetIssue(), new GetIssue.Input("acme", "shop", 1347), Fixtures.path("github/get-issue.json"));

        assertThat(output.issue().labels()).containsExactly("ci", "flaky");
        assertThat(output.issue().assignees()).containsExactly("hubot");
        assertThat(output.issue().author()).isEqualTo("mona");
        assertThat(output.issue().comments()).isEqualTo(3);
        assertThat(output.body()).isEqualTo(BODY);
        assertThat(output.is_pull_request()).isFalse();
    }

    @Test
    void get_issue_of_an_unknown_number_is_not_found() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new GetIssue(),
                        new GetIssue.Input("acme", "shop", 9999),
                        Fixtures.path("github/get-issue-unknown.json")))
                .hasFieldOrPropertyWithValue("code", "not_found")
                .hasMessage("GitHub has no issue #9999 in acme/shop, or the connection cannot see it (Not Found)");
    }

    @Test
    void list_issues_leaves_out_pull_requests_and_gives_the_next_page() {
        var output = ActionTestKit.replay(
                new ListIssues(),
                new ListIssues.Input("acme", "shop", null, List.of("ci"), null, null, null, 2, null),
                Fixtures.path("github/list-issues.json"));

        assertThat(output.issues()).extracting(IssueSummary::number).containsExactly(1347L);
        assertThat(output.next_page()).isEqualTo(2);
    }

    @Test
    void list_issues_with_a_bad_token_is_unauthorized() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new ListIssues(),
                        new ListIssues.Input("acme", "shop", null, null, null, null, null, null, null),
                        Fixtures.path("github/list-issues-bad-token.json")))
                .hasFieldOrPropertyWithValue("code", "unauthorized")
                .hasMessageContaining("GitHub refused the connection's credentials (Bad credentials)");
    }

    @Test
    void search_issues_scopes_the_query_to_the_repository_and_to_issues() {
        var output = ActionTestKit.replay(
                new SearchIssues(),
                new SearchIssues.Input("checkout safari", "acme", "shop", SearchIssues.State.open, null, null),
                Fixtures.path("github/search-issues.json"));

        assertThat(output.total_count()).isEqualTo(1);
        assertThat(output.issues()).extracting(IssueSummary::title).containsExactly(TITLE);
        assertThat(output.next_page()).isNull();
    }

    @Test
    void search_issues_over_githubs_search_limit_is_rate_limited() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new SearchIssues(),
                        new SearchIssues.Input("checkout safari", null, null, null, null, null),
                        Fixtures.path("github/search-issues-rate-limited.json")))
                .hasFieldOrPropertyWithValue("code", "rate_limited")
                .hasMessageStartingWith("GitHub rate limit reached, try again later (API rate limit exceeded");
    }

    @Test
    void add_comment_returns_the_comments_url() {
        var output = ActionTestKit.replay(
                new AddComment(),
                new AddComment.Input("acme", "shop", 1347, "Still failing on build 4813."),
                Fixtures.path("github/add-comment.json"));

        assertThat(output.url()).isEqualTo("https://github.com/acme/shop/issues/1347#issuecomment-2510993342");
    }

    @Test
    void add_comment_on_a_locked_issue_is_forbidden() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new AddComment(),
                        new AddComment.Input("acme", "shop", 1201, "Any news?"),
                        Fixtures.path("github/add-comment-locked.json")))
                .hasFieldOrPropertyWithValue("code", "forbidden")
                .hasMessageEndingWith("Unable to create comment because issue is locked.");
    }

    @Test
    void close_issue_closes_it_with_the_reason_given() {
        var provider = Fixtures.recording("github/close-issue.json");

        var output = ActionTestKit.run(
                        new CloseIssue(),
                        new CloseIssue.Input("acme", "shop", 1347, CloseIssue.Reason.not_planned),
                        provider)
                .output();

        assertThat(provider.sent().getFirst().body().toString()).contains("state=closed", "state_reason=not_planned");
        assertThat(output.state()).isEqualTo("closed");
        assertThat(output.state_reason()).isEqualTo("not_planned");
    }

    @Test
    void close_issue_over_githubs_secondary_limit_is_rate_limited_with_githubs_wait() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new CloseIssue(),
                        new CloseIssue.Input("acme", "shop", 1347, null),
                        Fixtures.path("github/close-issue-rate-limited.json")))
                .hasFieldOrPropertyWithValue("code", "rate_limited")
                .hasMessageStartingWith("GitHub rate limit reached, try again in 60 s (You have exceeded a secondary");
    }

    @Test
    void create_issues_opens_only_the_issues_no_earlier_run_opened() {
        var provider = Fixtures.recording("github/create-issues.json");

        var e2e = new CreateIssues.NewIssue(
                "e2e", "e2e fails on main", "Checkout flow times out on Safari.", List.of("ci"));

        var output = ActionTestKit.run(
                        new CreateIssues(Duration.ZERO), batch(failing("lint"), failing("unit-tests"), e2e), provider)
                .output();

        assertThat(output.issues())
                .extracting(CreateIssues.Result::key, CreateIssues.Result::number, CreateIssues.Result::created)
                .containsExactly(
                        tuple("lint", 1350L, false), tuple("unit-tests", 1351L, false), tuple("e2e", 1352L, true));
        assertThat(provider.sent().getLast().body().toString()).contains("batch `ci-run-4812` · key `e2e`");
    }

    @Test
    void create_issues_leaves_a_rate_limit_to_the_queue_to_retry_after_the_wait() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new CreateIssues(Duration.ZERO),
                        batch(failing("lint")),
                        Fixtures.path("github/create-issues-rate-limited.json")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
                });
    }

    @Test
    void create_issues_refuses_two_issues_with_one_key_before_calling_github() {
        assertThatThrownBy(() -> ActionTestKit.run(
                        new CreateIssues(Duration.ZERO), batch(failing("lint"), failing("lint")), NOTHING))
                .hasFieldOrPropertyWithValue("code", "validation_failed")
                .hasMessageContaining("issue key 'lint' appears twice in the batch");
    }

    private static CreateIssues.Input batch(CreateIssues.NewIssue... issues) {
        return new CreateIssues.Input("acme", "shop", "ci-run-4812", List.of(issues));
    }

    private static CreateIssues.NewIssue failing(String check) {
        return new CreateIssues.NewIssue(check, check + " fails on main", null, null);
    }
}
