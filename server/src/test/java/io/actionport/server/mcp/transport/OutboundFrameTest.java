package io.actionport.server.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

class OutboundFrameTest {

    @Test
    void renders_a_message_as_an_sse_event_with_its_id() {
        var notification = new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/ping", null);

        OutboundFrame.Message frame = OutboundFrame.message(McpTestServer.JSON, notification, "stream-1_7");

        assertThat(frame.toSse())
                .isEqualTo(
                        "id: stream-1_7\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/ping\"}\n\n");
        assertThat(frame.response()).isFalse();
    }

    @Test
    void splits_multi_line_data_so_no_line_break_ends_the_event_early() {
        var frame = new OutboundFrame.Message(null, "{\n\"a\":1\r\n}", true);

        assertThat(frame.toSse()).isEqualTo("event: message\ndata: {\ndata: \"a\":1\ndata: }\n\n");
    }

    @Test
    void marks_responses_so_a_post_can_answer_with_plain_json() {
        var response = McpSchema.JSONRPCResponse.result(3, java.util.Map.of());

        assertThat(OutboundFrame.message(McpTestServer.JSON, response, null).response())
                .isTrue();
    }

    @Test
    void pings_with_an_sse_comment() {
        assertThat(OutboundFrame.KeepAlive.INSTANCE.toSse()).isEqualTo(": keep-alive\n\n");
    }
}
