package io.actionport.catalog.slack;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.Optional;
import io.actionport.sdk.ProviderRequest;

/** Posts a message to a Slack channel, or replies in a thread. */
public final class PostMessage implements Action<PostMessage.Input, PostMessage.Output> {

    public record Input(
            @Description("The channel id (e.g. C0123ABCD) or name (e.g. #ci); ids never break on renames.")
            String channel,

            @Description("The message, in Slack mrkdwn: *bold*, _italic_, <https://url|label>, up to 40,000 "
                    + "characters.")
            String text,

            @Optional @Description("Reply in this thread: the ts of the thread's first message.")
            String thread_ts) {}

    public record Output(
            @Description("The id of the channel it was posted in.")
            String channel,

            @Description("The message's ts: its id in the channel, and the thread_ts to reply to it.")
            String ts) {}

    private record Message(String channel, String text, String thread_ts) {}

    private record Posted(String channel, String ts) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "slack", "post-message", Input.class, Output.class)
            .title("Post a Slack message")
            .description("Posts a message to a Slack channel, or as a reply in a thread when thread_ts is given, "
                    + "and returns its ts. Not idempotent: Slack's chat.postMessage has no idempotency key, so "
                    + "calling it twice posts twice. The app must be in the channel (else: forbidden).")
            .hints(ActionHints.WRITE)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var posted = Slack.call(
                context.provider(),
                ProviderRequest.post(
                        "/chat.postMessage", new Message(input.channel(), input.text(), input.thread_ts())),
                Posted.class,
                "channel " + input.channel());
        context.log().info("posted message {} in {}", posted.ts(), posted.channel());
        return new Output(posted.channel(), posted.ts());
    }
}
