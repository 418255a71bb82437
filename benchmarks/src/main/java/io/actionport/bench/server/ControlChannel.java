package io.actionport.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The line protocol between the harness and a server process: the server prints
 * {@code BENCH ready {...}} on standard output once it serves; the harness writes {@code stats} (or
 * {@code stats <topic>}) on standard input and reads {@code BENCH stats {...}} back. When standard
 * input closes (the harness ended, however it ended) the server exits, so no server outlives a run.
 */
public final class ControlChannel {

    public static final String PREFIX = "BENCH ";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ControlChannel() {}

    /** Tells the harness the server is ready, with facts such as its port. */
    public static void ready(Map<String, Object> facts) {
        send("ready", facts);
    }

    /**
     * Answers {@code stats} requests on a daemon thread until standard input closes, then exits.
     *
     * @param extra more numbers for a topic ({@code stats executions}); the topic is "" when none was named
     */
    public static void serve(Function<String, Map<String, Object>> extra, Runnable onExit) {
        var thread = new Thread(
                () -> {
                    try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            var command = line.trim();
                            if (command.equals("exit")) {
                                break;
                            }
                            if (command.startsWith("stats")) {
                                var topic = command.substring("stats".length()).trim();
                                var stats = jvmStats();
                                stats.putAll(extra.apply(topic));
                                send("stats", stats);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        System.err.println("control channel failed: " + e);
                    }
                    try {
                        onExit.run();
                    } finally {
                        System.exit(0);
                    }
                },
                "bench-control");
        thread.setDaemon(true);
        thread.start();
    }

    /** Heap in use now, heap left after the last collection, committed heap, and platform threads. */
    public static Map<String, Object> jvmStats() {
        var stats = new LinkedHashMap<String, Object>();
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long afterGc = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                afterGc += pool.getCollectionUsage().getUsed();
            }
        }
        var threads = ManagementFactory.getThreadMXBean();
        stats.put("heapUsed", memory.getUsed());
        stats.put("heapCommitted", memory.getCommitted());
        stats.put("heapMax", memory.getMax());
        stats.put("heapAfterGc", afterGc);
        stats.put("threads", threads.getThreadCount());
        stats.put("peakThreads", threads.getPeakThreadCount());
        return stats;
    }

    private static synchronized void send(String kind, Map<String, Object> body) {
        System.out.println(PREFIX + kind + " " + JSON.writeValueAsString(body));
        System.out.flush();
    }
}
