package io.actionport.server.mcp;

import io.actionport.server.mcp.stateless.StatelessLines;
import io.actionport.server.mcp.transport.JsonRpcRules;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdio door's input, one JSON-RPC message a line, with every malformed line answered here
 * instead of passed on: the SDK's stdio transport stops reading at the first line it cannot
 * parse, which would leave every later request unanswered. Well-formed lines pass through as they
 * came; the answers to bad ones go to the same output the SDK writes to, under the same lock.
 */
final class JsonRpcLineFilter extends InputStream {

    /** How long the end of the input waits for the answers to the requests read before it. */
    static final Duration ANSWER_GRACE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(JsonRpcLineFilter.class);

    private final InputStream source;
    private final OutputStream answers;
    private final McpJsonMapper jsonMapper;
    private final JsonRpcRules rules;
    private final int maxLineBytes;
    private final StatelessLines stateless;
    private final UnansweredRequests unanswered;
    private byte[] pending = new byte[0];
    private int position;

    /**
     * @param answers where the SDK writes its messages; the filter synchronizes on it as the SDK does
     * @param unanswered notes each request passed on; the end of the input is passed on once they
     *     are answered (at most {@link #ANSWER_GRACE} later)
     */
    JsonRpcLineFilter(
            InputStream source,
            OutputStream answers,
            McpJsonMapper jsonMapper,
            int maxLineBytes,
            UnansweredRequests unanswered) {
        this(source, answers, jsonMapper, maxLineBytes, null, unanswered);
    }

    /**
     * @param stateless answers the lines of the stateless era here, or null to pass them on (to a
     *     relay that sends them to a server)
     */
    JsonRpcLineFilter(
            InputStream source,
            OutputStream answers,
            McpJsonMapper jsonMapper,
            int maxLineBytes,
            StatelessLines stateless,
            UnansweredRequests unanswered) {
        this.source = source;
        this.answers = answers;
        this.jsonMapper = jsonMapper;
        this.rules = new JsonRpcRules(jsonMapper);
        this.maxLineBytes = maxLineBytes;
        this.stateless = stateless;
        this.unanswered = unanswered;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return pending[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** Makes sure a well-formed line is pending; false at the end of the input. */
    private boolean fill() throws IOException {
        while (position >= pending.length) {
            var line = new ByteArrayOutputStream();
            boolean tooLong = false;
            int next;
            while ((next = source.read()) != -1 && next != '\n') {
                if (line.size() < maxLineBytes) {
                    line.write(next);
                } else {
                    tooLong = true; // Read on to the end of the line, keeping nothing.
                }
            }
            if (next == -1 && line.size() == 0) {
                return endOfInput();
            }
            var text = line.toString(StandardCharsets.UTF_8).strip();
            if (tooLong) {
                answer(null, -32600, "Invalid Request: the message is over the limit of " + maxLineBytes + " bytes");
            } else if (!text.isEmpty()) {
                switch (check(text)) {
                    case JsonRpcRules.Valid valid
                    when stateless != null && StatelessLines.claims(valid.message()) -> {
                        noteRequest(valid.message());
                        stateless.answer(valid.message(), this::write);
                    }
                    case JsonRpcRules.Valid valid -> {
                        noteRequest(valid.message());
                        pending = (text + "\n").getBytes(StandardCharsets.UTF_8);
                        position = 0;
                    }
                    case JsonRpcRules.Refused refused -> answer(refused.id(), refused.code(), refused.message());
                }
            }
            if (next == -1 && position >= pending.length) {
                return endOfInput();
            }
        }
        return true;
    }

    private void noteRequest(Map<?, ?> message) {
        if (message.get("method") instanceof String && message.containsKey("id")) {
            unanswered.read(message.get("id"));
        }
    }

    /**
     * The client closed its end: its requests still get their answers before the end of the input
     * reaches the reader, which then ends the session.
     */
    private boolean endOfInput() {
        try {
            if (!unanswered.awaitAnswered(ANSWER_GRACE)) {
                log.warn(
                        "stdin closed; {} request(s) still unanswered after {} s are dropped",
                        unanswered.count(),
                        ANSWER_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The stateless era checks its own params; the session era's are checked here, for the SDK. */
    private JsonRpcRules.Checked check(String text) {
        var checked = rules.checkEnvelope(text);
        if (checked instanceof JsonRpcRules.Valid valid && !StatelessLines.claims(valid.message())) {
            return JsonRpcRules.checkParams(valid.message());
        }
        return checked;
    }

    private void answer(Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", id);
        answer.put("error", error);
        try {
            write(jsonMapper.writeValueAsString(answer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer on stdout", e);
        }
    }

    private void write(String line) {
        var bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (answers) {
            try {
                answers.write(bytes);
                answers.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot answer on stdout", e);
            }
        }
    }
}
