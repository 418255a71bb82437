package io.actionport.server.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class SseSessionTransportTest {

    private ScheduledThreadPoolExecutor timer;
    private Scheduler scheduler;
    private final SseSessionTransport transport = new SseSessionTransport("session-1", McpTestServer.JSON);
    private final List<OutboundFrame> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTimer() {
        timer = new ScheduledThreadPoolExecutor(1);
        timer.setRemoveOnCancelPolicy(true);
        scheduler = Schedulers.fromExecutorService(timer);
    }

    @AfterEach
    void stopTimer() {
        scheduler.dispose();
        timer.shutdownNow();
    }

    @Test
    void queues_pings_between_messages_while_the_stream_is_open() {
        transport.frames().subscribe(received::add);
        transport.pingEvery(Duration.ofMillis(10), scheduler);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 2);
        transport.sendMessage(McpSchema.JSONRPCResponse.result(1, Map.of())).block();

        assertThat(received).first().isEqualTo(OutboundFrame.KeepAlive.INSTANCE);
        assertThat(received).anyMatch(frame -> frame instanceof OutboundFrame.Message message && message.response());
    }

    @Test
    void stops_pinging_when_the_session_closes_the_stream() {
        transport.frames().subscribe(received::add);
        transport.pingEvery(Duration.ofMinutes(1), scheduler);
        assertThat(timer.getQueue()).hasSize(1);

        transport.close();

        assertThat(timer.getQueue()).isEmpty();
    }

    @Test
    void stops_pinging_when_the_client_leaves() {
        Disposable subscription = transport.frames().subscribe(received::add);
        transport.pingEvery(Duration.ofMinutes(1), scheduler);

        subscription.dispose();

        assertThat(timer.getQueue()).isEmpty();
    }

    @Test
    void never_pings_a_stream_that_already_ended() {
        transport.close();

        transport.pingEvery(Duration.ofMinutes(1), scheduler);

        assertThat(timer.getQueue()).isEmpty();
    }
}
