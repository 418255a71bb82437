package io.actionport.catalog.github;

import io.actionport.catalog.errors.ProviderErrors;
import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Optional;
import java.util.List;
import java.util.Map;

/** Finds GitHub issues by text and qualifiers, with GitHub's search syntax. */
public final class SearchIssues implements Action<SearchIssues.Input, SearchIssues.Output> {

    public enum State {
        open,
        closed,
        any
    }

    public record Input(
            @Description("Words to find, with optional GitHub qualifiers, e.g. 'flaky test label:ci'.")
            String query,

            @Optional @Description("Limit the search to this owner's repository; give repo too.")
            String owner,

            @Optional @Description("Limit the search to this repository; give owner too.")
            String repo,

            @Optional @Default("\"any\"") @Description("Only open or closed issues, or any.")
            State state,

            @Optional @Default("20") @Description("Issues per page, 1 to 100.")
            Integer per_page,

            @Optional @Default("1") @Description("The page to read; pass next_page from the previous call.")
            Integer page) {}

    public record Output(
            @Description("How many issues match in all pages.")
            long total_count,

            @Description("True when GitHub's search timed out and the list may be short.")
            boolean incomplete_results,

            @Description("The matching issues of this page, best match first.")
            List<IssueSummary> issues,

            @Optional @Description("The page to ask for next; null on the last page.")
            Integer next_page) {}

    private record SearchResult(long total_count, boolean incomplete_results, List<GitHub.Issue> items) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "github", "search-issues", Input.class, Output.class)
            .title("Search GitHub issues")
            .description("Searches GitHub issues (never pull requests) by words and GitHub search qualifiers, "
                    + "optionally within one repository and state. Use it to check whether an issue already "
                    + "exists before creating one. GitHub allows about 30 searches a minute.")
            .hints(ActionHints.READ)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var q = new StringBuilder(input.query().strip());
        if (input.owner() != null || input.repo() != null) {
            if (input.owner() == null || input.repo() == null) {
                throw ProviderErrors.validationFailed(
                        GitHub.PROVIDER, "give both owner and repo to search one repository, or neither");
            }
            GitHub.repo(input.owner(), input.repo());
            q.append(" repo:").append(input.owner()).append('/').append(input.repo());
        }
        q.append(" is:issue");
        if (input.state() != null && input.state() != State.any) {
            q.append(" state:").append(input.state().name());
        }
        var query = Map.of(
                "q", q.toString(),
                "per_page", Integer.toString(input.per_page() == null ? 20 : Math.clamp(input.per_page(), 1, 100)),
                "page", Integer.toString(input.page() == null ? 1 : Math.max(1, input.page())));
        var response =
                GitHub.send(context.provider(), GitHub.request("GET", "/search/issues", query, null), "search results");
        var result = response.json(SearchResult.class);
        return new Output(
                result.total_count(),
                result.incomplete_results(),
                result.items().stream().map(IssueSummary::of).toList(),
                GitHub.nextPage(response).orElse(null));
    }
}
