package io.actionport.catalog.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.actionport.catalog.Fixtures;
import io.actionport.sdk.testing.ActionTestKit;
import org.junit.jupiter.api.Test;

/** The Slack actions against recorded Slack answers, whose refusals mostly come as HTTP 200 with ok=false. */
class SlackActionsTest {

    static final String SUMMARY = "CI run 4812 on main: 2 checks failed. "
            + "<https://github.com/acme/shop/issues/1350|#1350 lint>, <https://github.com/acme/shop/issues/1352|#1352 e2e>";

    @Test
    void post_message_returns_the_channel_id_and_the_messages_ts() {
        var output = ActionTestKit.replay(
                new PostMessage(),
                new PostMessage.Input("C07CI4812", SUMMARY, null),
                Fixtures.path("slack/post-message.json"));

        assertThat(output).isEqualTo(new PostMessage.Output("C07CI4812", "1764058262.004129"));
    }

    @Test
    void post_message_to_a_channel_the_app_is_not_in_is_forbidden_and_says_what_to_do() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new PostMessage(),
                        new PostMessage.Input("C07RELEASE", "Release 2.4 is out", null),
                        Fixtures.path("slack/post-message-not-in-channel.json")))
                .hasFieldOrPropertyWithValue("code", "forbidden")
                .hasMessageEndingWith("not_in_channel (invite the app to the channel first)");
    }

    @Test
    void post_message_answered_429_is_rate_limited_with_slacks_wait() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new PostMessage(),
                        new PostMessage.Input("C07CI4812", "Still red", null),
                        Fixtures.path("slack/post-message-rate-limited.json")))
                .hasFieldOrPropertyWithValue("code", "rate_limited")
                .hasMessage("Slack rate limit reached, try again in 30 s (ratelimited)");
    }

    @Test
    void list_channels_gives_ids_membership_and_the_next_cursor() {
        var output = ActionTestKit.replay(
                new ListChannels(),
                new ListChannels.Input(null, null, 2, null),
                Fixtures.path("slack/list-channels.json"));

        assertThat(output.channels())
                .extracting(ListChannels.Channel::name, ListChannels.Channel::id, ListChannels.Channel::is_member)
                .containsExactly(tuple("general", "C024BE91L", false), tuple("ci", "C07CI4812", true));
        assertThat(output.channels().get(1).topic()).isEqualTo("Build results for main");
        assertThat(output.next_cursor()).isEqualTo("dGVhbTpDMDdSRUxFQVNF");
    }

    @Test
    void list_channels_with_a_revoked_token_is_unauthorized() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new ListChannels(),
                        new ListChannels.Input(null, null, null, null),
                        Fixtures.path("slack/list-channels-revoked-token.json")))
                .hasFieldOrPropertyWithValue("code", "unauthorized")
                .hasMessageStartingWith("Slack refused the connection's credentials (token_revoked)");
    }

    @Test
    void get_thread_replies_returns_the_first_message_then_the_replies_and_no_cursor_on_the_last_page() {
        var output = ActionTestKit.replay(
                new GetThreadReplies(),
                new GetThreadReplies.Input("C07CI4812", "1764058262.004129", null, null),
                Fixtures.path("slack/get-thread-replies.json"));

        assertThat(output.messages())
                .extracting(GetThreadReplies.Message::text)
                .containsExactly(SUMMARY, "Looking at lint now.", "Deploy to staging paused.");
        assertThat(output.messages().get(2).user()).isNull();
        assertThat(output.next_cursor()).isNull();
    }

    @Test
    void get_thread_replies_of_an_unknown_thread_is_not_found() {
        assertThatThrownBy(() -> ActionTestKit.replay(
                        new GetThreadReplies(),
                        new GetThreadReplies.Input("C07CI4812", "1700000000.000100", null, null),
                        Fixtures.path("slack/get-thread-replies-unknown-thread.json")))
                .hasFieldOrPropertyWithValue("code", "not_found")
                .hasMessageStartingWith("Slack has no thread 1700000000.000100 in channel C07CI4812");
    }
}
