package io.actionport.server.mcp.transport;

import static io.actionport.server.mcp.transport.RawHttp.assertError;
import static io.actionport.server.mcp.transport.RawHttp.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How sessions and their listening streams begin, stay alive and end. */
@Timeout(10)
class SessionLifecycleTest {

    private static final String NOT_FOUND =
            "Session not found: it was terminated or has expired; send a new initialize request";

    @Test
    void forgets_a_deleted_session_and_answers_its_reuse_with_404() {
        try (var server = McpTestServer.start();
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.initialize();

            HttpResponse<String> deleted = http.send(http.delete(session));

            assertThat(deleted.statusCode()).isEqualTo(204);
            assertError(http.send(http.post(session, toolCall(2, "echo", "{}"))), 404, -32001, NOT_FOUND);
            assertError(http.send(http.get(session)), 404, -32001, NOT_FOUND);
            assertError(http.send(http.delete(session)), 404, -32001, NOT_FOUND);
        }
    }

    @Test
    void ends_the_listening_stream_when_its_session_is_deleted() {
        try (var server = McpTestServer.start();
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.initialize();
            HttpResponse<Stream<String>> stream = http.open(http.get(session));
            assertThat(stream.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

            http.send(http.delete(session));

            // Blocks until the server ends the stream; the class timeout catches a stream left open.
            assertThat(stream.body().count()).isZero();
        }
    }

    @Test
    void lets_go_of_a_listening_stream_whose_client_disconnected() {
        try (var server = McpTestServer.start(builder -> builder.keepAliveInterval(Duration.ofMillis(50)));
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.initialize();
            Stream<String> lines = http.open(http.get(session)).body();
            assertThat(lines.iterator().next()).isEqualTo(": keep-alive");

            lines.close();

            // The SDK refuses to notify a session that has no listening stream.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.provider()
                            .notifyClient(session, "notifications/message", null)
                            .thenReturn(false)
                            .onErrorReturn(IllegalStateException.class, true)
                            .block());
        }
    }

    @Test
    void sends_keep_alive_comments_on_a_quiet_listening_stream() {
        try (var server = McpTestServer.start(builder -> builder.keepAliveInterval(Duration.ofMillis(50)));
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.initialize();

            Iterator<String> lines = http.open(http.get(session)).body().iterator();

            assertThat(lines.next()).isEqualTo(": keep-alive");
            assertThat(lines.next()).isEmpty();
            assertThat(lines.next()).isEqualTo(": keep-alive");
        }
    }

    @Test
    void answers_a_slow_request_as_a_stream_once_a_keep_alive_is_due() {
        try (var server = McpTestServer.start(builder -> builder.keepAliveInterval(Duration.ofMillis(20)));
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.initialize();

            HttpResponse<String> response = http.send(http.post(session, toolCall(2, "slow", "{\"millis\":300}")));

            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(response.body()).startsWith(": keep-alive\n\n").contains("\"id\":2", "slept 300");
        }
    }

    @Test
    void closes_sessions_left_idle_past_the_timeout() {
        MutableClock clock = new MutableClock();
        try (var server = McpTestServer.start(
                        builder -> builder.clock(clock).idleSessionTimeout(Duration.ofMillis(100)));
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.initialize();
            assertThat(server.provider().activeSessions()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(1));

            await().atMost(Duration.ofSeconds(5)).until(() -> server.provider().activeSessions() == 0);
            assertError(http.send(http.post(session, toolCall(2, "echo", "{}"))), 404, -32001, NOT_FOUND);
        }
    }

    @Test
    void spares_an_idle_session_that_keeps_a_listening_stream_open() {
        MutableClock clock = new MutableClock();
        try (var server = McpTestServer.start(
                        builder -> builder.clock(clock).idleSessionTimeout(Duration.ofMillis(100)));
                var http = new RawHttp(server.uri("/mcp"))) {
            String listening = http.initialize();
            String silent = http.initialize();
            http.open(http.get(listening));

            clock.advance(Duration.ofMinutes(1));

            // Once the silent session is gone a sweep has run, and it must have spared the other.
            await().atMost(Duration.ofSeconds(5)).until(() -> server.provider().activeSessions() == 1);
            assertError(http.send(http.post(silent, toolCall(2, "echo", "{}"))), 404, -32001, NOT_FOUND);
            assertThat(http.send(http.post(listening, toolCall(2, "echo", "{}")))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void closes_every_stream_and_refuses_new_requests_once_closed() {
        try (var server = McpTestServer.start();
                var http = new RawHttp(server.uri("/mcp"))) {
            String session = http.initialize();
            HttpResponse<Stream<String>> stream = http.open(http.get(session));

            server.provider().closeGracefully().block();

            // Blocks until the server ends the stream; the class timeout catches a stream left open.
            assertThat(stream.body().count()).isZero();
            assertThat(server.provider().activeSessions()).isZero();
            assertError(
                    http.send(http.post(RawHttp.INITIALIZE)),
                    503,
                    -32000,
                    "Service Unavailable: the MCP transport is shutting down");
        }
    }
}
