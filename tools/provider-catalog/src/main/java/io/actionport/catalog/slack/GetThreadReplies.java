package io.actionport.catalog.slack;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Default;
import io.actionport.sdk.Description;
import io.actionport.sdk.Optional;
import io.actionport.sdk.ProviderRequest;
import java.util.LinkedHashMap;
import java.util.List;

/** Reads a Slack thread: its first message and the replies. */
public final class GetThreadReplies implements Action<GetThreadReplies.Input, GetThreadReplies.Output> {

    public record Input(
            @Description("The channel id, e.g. C0123ABCD.") String channel,

            @Description("The ts of the thread's first message, e.g. 1712345678.123456.")
            String thread_ts,

            @Optional @Default("50") @Description("Messages per page, 1 to 200.")
            Integer limit,

            @Optional @Description("Pass next_cursor from the previous call for the next page.")
            String cursor) {}

    public record Message(
            @Optional @Description("The author's user id; null for bots and apps.")
            String user,

            @Description("The text, in Slack mrkdwn.") String text,
            @Description("The message's ts.") String ts) {}

    public record Output(
            @Description("The thread's first message, then its replies, oldest first.")
            List<Message> messages,

            @Optional @Description("The cursor of the next page; null on the last page.")
            String next_cursor) {}

    private record Page(List<Message> messages, Slack.ResponseMetadata response_metadata) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "slack", "get-thread-replies", Input.class, Output.class)
            .title("Read a Slack thread")
            .description("Reads a Slack thread: its first message, then the replies, oldest first, a page at a "
                    + "time. When next_cursor is set, call again with cursor=next_cursor for more.")
            .hints(ActionHints.READ)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var query = new LinkedHashMap<String, String>();
        query.put("channel", input.channel());
        query.put("ts", input.thread_ts());
        query.put("limit", Integer.toString(input.limit() == null ? 50 : Math.clamp(input.limit(), 1, 200)));
        if (input.cursor() != null) {
            query.put("cursor", input.cursor());
        }
        var page = Slack.call(
                context.provider(),
                ProviderRequest.get("/conversations.replies").withQuery(query),
                Page.class,
                "thread " + input.thread_ts() + " in channel " + input.channel());
        return new Output(List.copyOf(page.messages()), Slack.cursor(page.response_metadata()));
    }
}
