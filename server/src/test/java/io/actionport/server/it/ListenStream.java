package io.actionport.server.it;

import io.actionport.server.store.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/** An open {@code subscriptions/listen} stream: its messages arrive in {@link #events()} as they come. */
final class ListenStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final Thread reader;

    private ListenStream(StatelessCall listen) {
        response = HTTP.sendAsync(listen.request(), HttpResponse.BodyHandlers.ofInputStream());
        reader = Thread.ofVirtual().start(this::read);
    }

    /** Sends {@code listen}, a {@code subscriptions/listen} call, and keeps its stream open. */
    static ListenStream open(StatelessCall listen) {
        return new ListenStream(listen);
    }

    BlockingQueue<JsonNode> events() {
        return events;
    }

    private void read() {
        try (var lines =
                new BufferedReader(new InputStreamReader(response.join().body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(Json.MAPPER.readTree(line.substring(6)));
                }
            }
        } catch (IOException e) {
            // The stream was closed.
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        reader.interrupt();
    }
}
