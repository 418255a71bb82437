package io.actionport.bench.target;

import io.actionport.bench.server.ControlChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server started as a process of its own, speaking the {@link ControlChannel} protocol on one of
 * its output streams; the other output goes to a log file. Closing it asks it to exit, then kills it.
 */
public final class ServerProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Process process;
    private final OutputStream control;
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final BlockingQueue<JsonNode> stats = new LinkedBlockingQueue<>();
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.control = process.getOutputStream();
        this.log = log;
    }

    /**
     * Starts {@code command} and waits until it says it is ready.
     *
     * @param controlOnStderr true when the control lines come on standard error (the Node reference,
     *     whose standard output carries a log line per request and is discarded)
     */
    public static ServerProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            boolean controlOnStderr,
            Path logDir,
            Duration readyTimeout) {
        try {
            Files.createDirectories(logDir);
            var log = logDir.resolve(name + ".log");
            var builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            if (controlOnStderr) {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            } else {
                builder.redirectError(ProcessBuilder.Redirect.appendTo(
                        logDir.resolve(name + ".stderr.log").toFile()));
            }
            var server = new ServerProcess(name, builder.start(), log);
            server.read(controlOnStderr ? server.process.getErrorStream() : server.process.getInputStream());
            try {
                server.ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                server.close();
                throw new IllegalStateException(
                        name + " did not get ready within " + readyTimeout + "; see " + logDir + " (" + e + ")", e);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** What the server said when it got ready, e.g. its port. */
    public JsonNode facts() {
        return ready.join();
    }

    public int port() {
        return facts().path("port").asInt();
    }

    /** The server's own numbers (heap, threads, and the topic's), or an empty object if it does not answer. */
    public JsonNode stats(String topic) {
        try {
            stats.clear();
            control.write(("stats " + topic + "\n").getBytes(StandardCharsets.UTF_8));
            control.flush();
            var answer = stats.poll(5, TimeUnit.SECONDS);
            return answer == null ? JSON.createObjectNode() : answer;
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createObjectNode();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void read(InputStream stream) {
        Thread.ofPlatform().daemon().name("read-" + name).start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                    Writer out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith(ControlChannel.PREFIX + "ready ")) {
                        ready.complete(JSON.readTree(line.substring((ControlChannel.PREFIX + "ready ").length())));
                    } else if (line.startsWith(ControlChannel.PREFIX + "stats ")) {
                        stats.add(JSON.readTree(line.substring((ControlChannel.PREFIX + "stats ").length())));
                    } else {
                        out.write(line);
                        out.write('\n');
                        out.flush();
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException(name + " exited with " + exitCode()));
        });
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "nothing yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    @Override
    public void close() {
        try {
            control.write("exit\n".getBytes(StandardCharsets.UTF_8));
            control.close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
