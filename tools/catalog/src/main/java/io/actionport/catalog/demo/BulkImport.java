package io.actionport.catalog.demo;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.ExecutionMode;
import io.actionport.sdk.Optional;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a batch of issues, one provider call per issue: the long-running write.
 *
 * <p>Idempotent because each issue is written with a PUT keyed by the batch id and its position,
 * so re-running a batch (a retry, a duplicate trigger) never creates an issue twice.
 */
public final class BulkImport implements Action<BulkImport.Input, BulkImport.Output> {

    public record NewIssue(
            @Description("One-line summary of the issue.") String title,

            @Optional @Description("Longer description, in Markdown.")
            String body) {}

    public record Input(
            @Description("A client-chosen id for this batch; re-sending a batch id never duplicates issues.")
            String batch_id,

            @Description("The issues to create, in order.") List<NewIssue> issues) {}

    public record Output(
            @Description("The batch id that was imported.") String batch_id,

            @Description("The issues of the batch, in input order.")
            List<DemoIssues.Issue> issues) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "demo", "bulk-import", Input.class, Output.class)
            .title("Bulk import issues")
            .description("Creates many issues in the demo tracker. Takes about 100 ms per issue, so it runs "
                    + "asynchronously. Idempotent per batch_id: re-sending a batch never creates an issue twice.")
            .hints(ActionHints.IDEMPOTENT_WRITE)
            .mode(ExecutionMode.ASYNC)
            .timeout(Duration.ofMinutes(10))
            .retryPolicy(RetryPolicy.exponential(3))
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var created = new ArrayList<DemoIssues.Issue>(input.issues().size());
        for (int i = 0; i < input.issues().size(); i++) {
            var issue = input.issues().get(i);
            var path = "/batches/" + input.batch_id() + "/issues/" + i;
            created.add(context.provider()
                    .send(ProviderRequest.put(path, new DemoIssues.NewIssue(issue.title(), issue.body())))
                    .requireSuccess()
                    .json(DemoIssues.Issue.class));
            context.progress().report(i + 1, (double) input.issues().size(), "imported " + (i + 1) + " issues");
        }
        context.log().info("imported {} issues for batch {}", created.size(), input.batch_id());
        return new Output(input.batch_id(), List.copyOf(created));
    }
}
