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

/** Lists the channels of a Slack workspace, a page at a time. */
public final class ListChannels implements Action<ListChannels.Input, ListChannels.Output> {

    public enum Kind {
        public_channel,
        private_channel,
        all
    }

    public record Input(
            @Optional @Default("\"public_channel\"") @Description("public_channel, private_channel or all.")
            Kind kind,

            @Optional @Default("true") @Description("Leave out archived channels.")
            Boolean exclude_archived,

            @Optional @Default("100") @Description("Channels per page, 1 to 200.")
            Integer limit,

            @Optional @Description("Pass next_cursor from the previous call for the next page.")
            String cursor) {}

    public record Channel(
            @Description("The channel id, e.g. C0123ABCD: use it to post.")
            String id,

            @Description("The name, without #.") String name,
            @Description("True for a private channel.") boolean is_private,

            @Description("True when the app is in it and so can post there.")
            boolean is_member,

            @Optional @Description("The channel's topic.") String topic,

            @Optional @Description("How many members it has.")
            Integer member_count) {}

    public record Output(
            @Description("The channels of this page.") List<Channel> channels,

            @Optional @Description("The cursor of the next page; null on the last page.")
            String next_cursor) {}

    private record Text(String value) {}

    private record SlackChannel(
            String id, String name, boolean is_private, boolean is_member, Text topic, Integer num_members) {}

    private record Page(List<SlackChannel> channels, Slack.ResponseMetadata response_metadata) {}

    private static final ActionDescriptor<Input, Output> DESCRIPTOR = ActionDescriptor.builder(
                    "slack", "list-channels", Input.class, Output.class)
            .title("List Slack channels")
            .description("Lists channels of the Slack workspace with their ids, a page at a time; use it to find "
                    + "the id of a channel by name before posting. When next_cursor is set, call again with "
                    + "cursor=next_cursor for more.")
            .hints(ActionHints.READ)
            .build();

    @Override
    public ActionDescriptor<Input, Output> descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Output run(Input input, ActionContext context) {
        var kind = input.kind() == null ? Kind.public_channel : input.kind();
        var query = new LinkedHashMap<String, String>();
        query.put("types", kind == Kind.all ? "public_channel,private_channel" : kind.name());
        query.put("exclude_archived", Boolean.toString(input.exclude_archived() == null || input.exclude_archived()));
        query.put("limit", Integer.toString(input.limit() == null ? 100 : Math.clamp(input.limit(), 1, 200)));
        if (input.cursor() != null) {
            query.put("cursor", input.cursor());
        }
        var page = Slack.call(
                context.provider(),
                ProviderRequest.get("/conversations.list").withQuery(query),
                Page.class,
                "channel list");
        var channels = page.channels().stream()
                .map(c -> new Channel(
                        c.id(),
                        c.name(),
                        c.is_private(),
                        c.is_member(),
                        c.topic() == null || c.topic().value().isEmpty()
                                ? null
                                : c.topic().value(),
                        c.num_members()))
                .toList();
        return new Output(channels, Slack.cursor(page.response_metadata()));
    }
}
