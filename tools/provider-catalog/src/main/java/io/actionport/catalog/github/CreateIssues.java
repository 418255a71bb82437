package io.actionport.catalog.github;

import io.actionport.catalog.errors.ProviderErrors;
import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.ExecutionMode;
import io.actionport.sdk.Format;
import io.actionport.sdk.Optional;
import io.actionport.sdk.ProviderException;
import io.actionport.sdk.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Opens many issues in one repository, in the background, never twice.
 *
 * <p>GitHub has no idempotency key, so each issue carries a footer naming its batch and key. Before
 * creating anything the action collects the footers already in the repository from two places:
 * a search for the batch id (complete, but GitHub's index lags behind writes by up to a minute) and
 * the 100 newest issues (immediately consistent, covering that lag). Only issues whose key is in
 * neither are created, so a retry, a duplicate trigger or a re-sent batch resumes where the last
 * one stopped.
 */
public final class CreateIssues implements Action<CreateIssues.Input, CreateIssues.Output> {

    public record NewIssue(
            @Description("Your key for this issue, unique within the batch, e.g. the failing check's name; "
                    + "letters, digits and . _ : -")
            String key,

            @Description("One-line summary of the issue.") String title,

            @Optional @Description("Longer description, in GitHub Markdown.")
            String body,

            @Optional @Description("Label names to set.") List<String> labels) {}

    public record Input(
            @Description("The repository owner: a user or organization login.")
            String owner,

            @Description("The repository name.") String repo,

            @Description("Your id for this batch, e.g. 'ci-run-4812'; re-sending a batch id never opens an "
                    + "issue twice. Letters, digits and . _ : -")
            String batch_id,

            @Description("The issues to open, at most 100.") List<NewIssue> issues) {}

    public record Result(
            @Description("The key you gave the issue.") String key,
            @Description("The issue number.") long number,

            @Description("Where a human can see the issue.") @Format("uri")
            String url,

            @Description("False when an earlier run of this batch had already opened it.")
            boolean created) {}

    public record Output(
            @Description("The batch id.") String batch_id,

            @Description("One result per input issue, in input order.")
            List<Result> issues,

            @Description("How many issues this run opened.") int created,

            @Description("How many were already open from an earlier run.")
            int existing) {}

    private record Created(String title, String body, List<String> labels) {}

    private record SearchResult(List<GitHub.Issue> items) {}

    private static final int MAX_ISSUES = 100;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern FOOTER = Pattern.compile("batch `([A-Za-z0-9_.:-]+)` · key `([A-Za-z0-9_.:-]+)`");

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "github", "create-issues", Input.class, Output.class)
            .title("Create GitHub issues in bulk")
            .description("Opens up to 100 issues in one GitHub repository. Runs in the background (about one "
                    + "issue a second, GitHub's pace for writes): you get an execution to read or subscribe to. "
                    + "Idempotent by batch_id and each issue's key: a footer in each issue records them, and "
                    + "issues already opened by an earlier run are returned, not opened again.")
            .hints(ActionHints.IDEMPOTENT_WRITE)
            .mode(ExecutionMode.ASYNC)
            .timeout(Duration.ofMinutes(10))
            .retryPolicy(RetryPolicy.exponential(4))
            .build();

    private final Duration pauseBetweenCreates;

    public CreateIssues() {
        this(Duration.ofSeconds(1));
    }

    /** With another pause between two creates than GitHub's advised second, e.g. none in tests. */
    CreateIssues(Duration pauseBetweenCreates) {
        this.pauseBetweenCreates = pauseBetweenCreates;
    }

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) throws InterruptedException {
        var repo = GitHub.repo(input.owner(), input.repo());
        check(input);
        var existing = existing(input, repo, context);
        var results = new ArrayList<Result>(input.issues().size());
        int created = 0;
        for (var issue : input.issues()) {
            var found = existing.get(issue.key());
            if (found != null) {
                results.add(new Result(issue.key(), found.number(), found.html_url(), false));
            } else {
                if (created > 0) {
                    Thread.sleep(pauseBetweenCreates);
                }
                var opened = create(input, repo, issue, context);
                results.add(new Result(issue.key(), opened.number(), opened.html_url(), true));
                created++;
            }
            context.progress().report(results.size(), (double) input.issues().size(), results.size() + " issues done");
        }
        context.log()
                .info("batch {}: opened {}, {} were already open", input.batch_id(), created, results.size() - created);
        return new Output(input.batch_id(), List.copyOf(results), created, results.size() - created);
    }

    private static void check(Input input) {
        if (input.issues().size() > MAX_ISSUES) {
            throw ProviderErrors.validationFailed(
                    GitHub.PROVIDER,
                    "a batch holds at most " + MAX_ISSUES + " issues, not "
                            + input.issues().size());
        }
        var keys = new HashSet<String>();
        for (var issue : input.issues()) {
            if (!KEY.matcher(issue.key()).matches()) {
                throw ProviderErrors.validationFailed(
                        GitHub.PROVIDER, "issue key '" + issue.key() + "' must be letters, digits and . _ : -");
            }
            if (!keys.add(issue.key())) {
                throw ProviderErrors.validationFailed(
                        GitHub.PROVIDER, "issue key '" + issue.key() + "' appears twice in the batch; keys are unique");
            }
        }
        if (!KEY.matcher(input.batch_id()).matches()) {
            throw ProviderErrors.validationFailed(
                    GitHub.PROVIDER, "batch_id '" + input.batch_id() + "' must be letters, digits and . _ : -");
        }
    }

    /** The issues of this batch already in the repository, by key. */
    private static Map<String, GitHub.Issue> existing(Input input, String repo, ActionContext context) {
        var what = "repository " + input.owner() + "/" + input.repo();
        var search = Map.of(
                "q",
                "\"" + input.batch_id() + "\" repo:" + input.owner() + "/" + input.repo() + " is:issue in:body",
                "per_page",
                "100");
        var newest = Map.of("state", "all", "sort", "created", "direction", "desc", "per_page", "100");
        var candidates = new ArrayList<GitHub.Issue>();
        candidates.addAll(GitHub.send(context.provider(), GitHub.request("GET", "/search/issues", search, null), what)
                .json(SearchResult.class)
                .items());
        candidates.addAll(
                List.of(GitHub.send(context.provider(), GitHub.request("GET", repo + "/issues", newest, null), what)
                        .json(GitHub.Issue[].class)));
        var byKey = new HashMap<String, GitHub.Issue>();
        for (var issue : candidates) {
            var footer = FOOTER.matcher(issue.body() == null ? "" : issue.body());
            while (footer.find()) {
                if (footer.group(1).equals(input.batch_id())) {
                    byKey.putIfAbsent(footer.group(2), issue);
                }
            }
        }
        return byKey;
    }

    private static GitHub.Issue create(Input input, String repo, NewIssue issue, ActionContext context) {
        var body = (issue.body() == null ? "" : issue.body() + "\n\n") + "---\n<sub>Filed by Actionport · batch `"
                + input.batch_id() + "` · key `" + issue.key() + "`</sub>";
        var request =
                GitHub.request("POST", repo + "/issues", Map.of(), new Created(issue.title(), body, issue.labels()));
        try {
            return context.provider().send(request).requireSuccess().json(GitHub.Issue.class);
        } catch (ProviderException e) {
            if (e.status() == 429) {
                // Transient, like a 5xx (which explain keeps): the queue runs the batch again after
                // Retry-After, and it resumes here.
                throw e;
            }
            throw GitHub.explain(e, "repository " + input.owner() + "/" + input.repo());
        }
    }
}
