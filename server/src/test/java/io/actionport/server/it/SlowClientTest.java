package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.actionport.server.http.DoorLimits;
import io.actionport.server.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Clients that are slow on purpose, and clients that hold too many connections, starve nobody. */
class SlowClientTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    TestServer server;

    /** Starts a server, then records what is logged from then on. */
    private void start(DoorLimits limits) {
        server = new TestServer(dataDir, limits);
        logged.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
    }

    @AfterEach
    void stop() throws IOException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        for (var socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clients_that_dribble_headers_are_closed_by_the_header_timeout_while_others_are_served() throws Exception {
        start(DoorLimits.defaults()
                .withTimeouts(SHORT, SHORT, Duration.ofSeconds(60))
                .withConnections(10_000, 1_000));
        int slow = 300;
        var closed = new CountDownLatch(slow);
        var dribbling = new AtomicBoolean(true);
        for (int i = 0; i < slow; i++) {
            var socket = connect();
            socket.getOutputStream()
                    .write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            var in = socket.getInputStream();
            var out = socket.getOutputStream();
            Thread.ofVirtual().start(() -> awaitClose(in, closed));
            Thread.ofVirtual().start(() -> dribble(out, dribbling));
        }

        var ready = http.send(get("/health/ready").build(), HttpResponse.BodyHandlers.ofString());
        var trigger = http.send(demoEcho(), HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(200);
        assertThat(closed.await(10, TimeUnit.SECONDS))
                .as("every dribbling client is closed within the header timeout, %d still open", closed.getCount())
                .isTrue();
        dribbling.set(false);
        assertThat(warningsAbout("request headers did not arrive"))
                .as("one warning stands for all %d drops of the minute", slow)
                .hasSize(1);
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .as("dropping slow clients logs nothing else at WARN")
                .hasSize(1);
    }

    @Test
    void clients_that_reset_mid_request_or_mid_body_leave_no_warnings() throws Exception {
        start(DoorLimits.defaults());
        for (int i = 0; i < 50; i++) {
            var socket = connect();
            var request = i % 2 == 0
                    ? "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: "
                    : "POST /action/trigger HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServer.DEV_KEY
                            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"action_name\":";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoLinger(true, 0);
            socket.close();
        }

        var ready = http.send(get("/health/ready").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).isEqualTo(200);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() ->
                        logged.list.stream().noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN)));
    }

    @Test
    void a_request_body_that_stalls_is_cut_off_by_the_body_read_timeout() throws Exception {
        start(DoorLimits.defaults().withTimeouts(Duration.ofSeconds(60), SHORT, Duration.ofSeconds(60)));
        try (var socket = connect()) {
            socket.getOutputStream()
                    .write(("POST /action/trigger HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                                    + TestServer.DEV_KEY
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"action_name\":")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);

            var answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer)
                    .as("the server answers 408 or just closes")
                    .satisfiesAnyOf(
                            text -> assertThat(text).isEmpty(),
                            text -> assertThat(text).startsWith("HTTP/1.1 408"));
        }
        await().atMost(Duration.ofSeconds(2))
                .until(() -> !warningsAbout("request body stalled").isEmpty());
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .hasSize(1);
    }

    @Test
    void a_keep_alive_connection_waiting_for_its_next_request_is_not_on_the_header_clock() throws Exception {
        start(DoorLimits.defaults().withTimeouts(SHORT, SHORT, Duration.ofSeconds(60)));
        try (var socket = connect()) {
            var in = socket.getInputStream();
            var out = socket.getOutputStream();
            out.write(rawGet("/health/live"));
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");

            await().during(SHORT.multipliedBy(2)).atMost(SHORT.multipliedBy(3)).until(socket::isConnected);
            out.write(rawGet("/health/live"));

            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void connections_over_the_per_address_cap_are_answered_503_and_closed() throws Exception {
        start(DoorLimits.defaults().withConnections(10_000, 5));
        var held = new ArrayList<Socket>();
        for (int i = 0; i < 5; i++) {
            var socket = connect();
            socket.getOutputStream().write(rawGet("/health/live"));
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
            held.add(socket);
        }

        try (var sixth = connect()) {
            var answer = new String(sixth.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 503");
            assertThat(answer).contains("the client address has 5 connections open, its limit");
        }
        held.getFirst().close();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var answer = http.send(get("/health/live").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
        });
        assertThat(warningsAbout("connections open, its limit")).hasSize(1);
    }

    @Test
    void an_mcp_event_stream_outlives_the_header_body_and_idle_timeouts() throws Exception {
        start(DoorLimits.defaults().withTimeouts(SHORT, SHORT, SHORT));
        var initialize = http.send(
                mcp().POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(initialize.statusCode()).as(initialize.body()).isEqualTo(200);
        var session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
        var lines = new CopyOnWriteArrayList<String>();
        var ended = new AtomicBoolean();
        var stream = http.send(
                mcp().header("Mcp-Session-Id", session)
                        .header("Mcp-Protocol-Version", "2025-06-18")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread.ofVirtual().start(() -> {
            stream.body().forEach(lines::add);
            ended.set(true);
        });

        await().during(SHORT.multipliedBy(3)).atMost(SHORT.multipliedBy(4)).untilFalse(ended);
        server.server
                .registry()
                .deploy("dev", io.actionport.server.registry.Bundle.of("poke", new McpClients.Poke()), List.of());

        await().atMost(Duration.ofSeconds(5))
                .until(() -> lines.stream().anyMatch(line -> line.contains("notifications/tools/list_changed")));
    }

    private List<ILoggingEvent> warningsAbout(String text) {
        return logged.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .filter(event -> event.getFormattedMessage().contains(text))
                .toList();
    }

    private Socket connect() throws IOException {
        var socket =
                new Socket(InetAddress.getLoopbackAddress(), server.baseUrl().getPort());
        sockets.add(socket);
        return socket;
    }

    private static void awaitClose(InputStream in, CountDownLatch closed) {
        try {
            while (in.read() != -1) {
                // A refused or timed-out client may get bytes first; the end of the stream is what counts.
            }
        } catch (IOException reset) {
            // A reset is a close too.
        }
        closed.countDown();
    }

    /** One header line every 200 ms: each read resets an idle timer, none completes the headers. */
    private static void dribble(OutputStream out, AtomicBoolean dribbling) {
        try {
            for (int line = 0; dribbling.get(); line++) {
                Thread.sleep(200);
                out.write(("X-Slow-" + line + ": still here\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // The server hung up, which is the point.
        }
    }

    private static byte[] rawGet(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one small response with a Content-Length, enough for the health endpoints. */
    private static String readResponse(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            head.append((char) b);
        }
        var length = head.toString()
                .lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .map(line -> Integer.parseInt(
                        line.substring("content-length:".length()).trim()))
                .findFirst()
                .orElse(0);
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(server.baseUrl().resolve(path)).timeout(Duration.ofSeconds(5));
    }

    private HttpRequest demoEcho() {
        return HttpRequest.newBuilder(server.baseUrl().resolve("/action/trigger"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Provider-Config-Key", "demo")
                .header("Connection-Id", "demo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER
                        .createObjectNode()
                        .put("action_name", "echo")
                        .set("input", Json.MAPPER.createObjectNode().put("message", "hi"))
                        .toString()))
                .build();
    }

    private HttpRequest.Builder mcp() {
        return HttpRequest.newBuilder(server.baseUrl().resolve("/mcp"))
                .header("Authorization", "Bearer " + TestServer.DEV_KEY)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
    }
}
