package io.actionport.catalog.github;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.Format;
import java.util.Map;

/** Comments on a GitHub issue or pull request. */
public final class AddComment implements Action<AddComment.Input, AddComment.Output> {

    public record Input(
            @Description("The repository owner: a user or organization login.")
            String owner,

            @Description("The repository name.") String repo,

            @Description("The issue (or pull request) number.")
            long number,

            @Description("The comment, in GitHub Markdown.") String body) {}

    public record Output(
            @Description("The comment's id.") long id,

            @Description("Where a human can see the comment.") @Format("uri")
            String url) {}

    private record NewComment(String body) {}

    private record Comment(long id, String html_url) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "github", "add-comment", Input.class, Output.class)
            .title("Comment on a GitHub issue")
            .description("Adds a comment to an issue or pull request and returns its URL. Not idempotent: "
                    + "GitHub has no idempotency key, so calling it twice posts the comment twice. Fails with "
                    + "forbidden when the issue is locked.")
            .hints(ActionHints.WRITE)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var path = GitHub.repo(input.owner(), input.repo()) + "/issues/" + input.number() + "/comments";
        var comment = GitHub.send(
                        context.provider(),
                        GitHub.request("POST", path, Map.of(), new NewComment(input.body())),
                        "issue #" + input.number() + " in " + input.owner() + "/" + input.repo())
                .json(Comment.class);
        return new Output(comment.id(), comment.html_url());
    }
}
