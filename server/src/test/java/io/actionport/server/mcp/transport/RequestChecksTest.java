package io.actionport.server.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestChecksTest {

    @Test
    void finds_a_media_type_among_ranges_with_parameters() {
        assertThat(RequestChecks.accepts("application/json;q=0.9, text/event-stream", "text/event-stream"))
                .isTrue();
        assertThat(RequestChecks.accepts("Application/JSON ; charset=utf-8", "application/json"))
                .isTrue();
    }

    @Test
    void honours_type_and_full_wildcards() {
        assertThat(RequestChecks.accepts("text/*", "text/event-stream")).isTrue();
        assertThat(RequestChecks.accepts("*/*", "application/json")).isTrue();
    }

    @Test
    void refuses_a_missing_or_unrelated_accept_header() {
        assertThat(RequestChecks.accepts(null, "application/json")).isFalse();
        assertThat(RequestChecks.accepts("text/html, application/jsonl", "application/json"))
                .isFalse();
    }
}
