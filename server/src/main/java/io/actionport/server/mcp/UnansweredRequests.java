package io.actionport.server.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The requests read from a stdio door's input that have no answer on its output yet. When the
 * client closes its end of stdin after its last request, the door waits for these answers before
 * it stops: a script that pipes requests in gets every answer out.
 */
final class UnansweredRequests {

    private final McpJsonMapper jsonMapper;
    private final Set<Object> ids = new HashSet<>(); // guarded by this

    UnansweredRequests(McpJsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** A request with this id was read and will be answered. */
    synchronized void read(Object id) {
        ids.add(id);
    }

    synchronized int count() {
        return ids.size();
    }

    /** Waits until every request read so far is answered, at most {@code limit}; true when all were. */
    synchronized boolean awaitAnswered(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ids.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private synchronized void answered(Object id) {
        if (ids.remove(id) && ids.isEmpty()) {
            notifyAll();
        }
    }

    /** {@code out} as it is, noting each answer written to it, one JSON-RPC message a line. */
    OutputStream watching(OutputStream out) {
        return new LineOutput() {
            @Override
            protected void line(String text) throws IOException {
                out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                noteAnswer(text);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    private void noteAnswer(String line) {
        if (count() == 0 || line.isBlank()) {
            return;
        }
        try {
            var message = jsonMapper.readValue(line, Map.class);
            if (!message.containsKey("method") && message.containsKey("id")) {
                answered(message.get("id"));
            }
        } catch (IOException | RuntimeException e) {
            // Not a message (the door writes nothing else): nothing answered.
        }
    }
}
