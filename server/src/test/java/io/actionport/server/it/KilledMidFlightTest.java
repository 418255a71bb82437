package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of a real server process while it accepts, runs or finishes hundreds of writes, half of
 * them non-idempotent, against a provider in the test JVM that outlives it; then a restart on the
 * same store. The durability promise, checked against what the provider saw.
 */
class KilledMidFlightTest {

    enum Moment {
        WHILE_ACCEPTING,
        WHILE_RUNNING,
        WHILE_FINISHING
    }

    static final int PER_CONNECTION_LIMIT = 16;
    static final int EXECUTIONS = 1_000;
    static final int CLIENTS = 8;

    @TempDir
    Path dataDir;

    static Stream<Arguments> storesAndMoments() {
        var cases = new ArrayList<Arguments>();
        for (var store : TestServer.Store.values()) {
            for (var moment : Moment.values()) {
                cases.add(Arguments.of(store, moment));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "kill -9 {1} on {0}")
    @MethodSource("storesAndMoments")
    void no_write_reaches_the_provider_twice_and_every_acknowledged_execution_ends(
            TestServer.Store store, Moment moment) throws Exception {
        var databaseUrl = store.newDatabaseUrl("killed_" + moment.name().toLowerCase(java.util.Locale.ROOT));
        String[] limit = {"--per-connection-limit", String.valueOf(PER_CONNECTION_LIMIT)};
        try (var provider = RecordingProvider.start()) {
            provider.answerAfter(moment == Moment.WHILE_RUNNING ? Duration.ofMillis(200) : Duration.ZERO);
            // Execution id -> action, for every execution the server acknowledged (202, or 200 with its id).
            var acknowledged = new ConcurrentHashMap<String, String>();
            var refusals = new java.util.concurrent.CopyOnWriteArrayList<String>();
            try (var first = ServerProcess.start(dataDir, databaseUrl, limit)) {
                first.deploy(BundleJar.of("sink-write", SinkWrite.class));
                first.deploy(BundleJar.of("sink-put", SinkPut.class));
                first.connect("sink", provider.baseUrl(), "c1");
                var clients = sendAll(first, moment, acknowledged, refusals);
                if (moment == Moment.WHILE_RUNNING) {
                    // Every execution accepted first: the kill then finds claims made after the last acceptance.
                    clients.shutdown();
                    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                    int killAt = Math.min(provider.count() + 40, EXECUTIONS - 20);
                    await().atMost(Duration.ofSeconds(30)).until(() -> provider.count() >= killAt);
                } else {
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> moment == Moment.WHILE_ACCEPTING
                                    ? acknowledged.size() >= EXECUTIONS * 3 / 4
                                    : provider.count() >= EXECUTIONS * 3 / 4);
                }
                first.kill();
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                assertThat(refusals).as("answers that were neither 200 nor 202").isEmpty();
            }

            try (var second = ServerProcess.start(dataDir, databaseUrl, limit)) {
                await().atMost(Duration.ofSeconds(80))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> second.executionsWithStatus("queued").isEmpty()
                                && second.executionsWithStatus("running").isEmpty());

                var writes = provider.requestsPerExecution("write");
                assertThat(writes.entrySet())
                        .as("non-idempotent writes that reached the provider more than once")
                        .filteredOn(entry -> entry.getValue() > 1)
                        .isEmpty();

                var puts = provider.requestsPerExecution("put");
                int interruptedWithoutWrite = 0;
                for (var execution : acknowledged.entrySet()) {
                    var view = second.execution(execution.getKey());
                    var status = view.get("status").asString();
                    if (execution.getValue().equals("put")) {
                        assertThat(status).as(view.toString()).isEqualTo("succeeded");
                        assertThat(puts).containsKey(execution.getKey());
                    } else if (status.equals("failed")) {
                        assertThat(view.at("/error/code").asString())
                                .as(view.toString())
                                .isEqualTo("interrupted");
                        if (!writes.containsKey(execution.getKey())) {
                            interruptedWithoutWrite++;
                        }
                    } else {
                        assertThat(status).as(view.toString()).isEqualTo("succeeded");
                        assertThat(writes).containsKey(execution.getKey());
                    }
                }
                System.out.printf(
                        "%s on %s: %d acknowledged, %d writes and %d puts reached the provider, %d interrupted without"
                                + " a write%n",
                        moment, store, acknowledged.size(), writes.size(), puts.size(), interruptedWithoutWrite);
                // Only an execution holding a slot is claimed, and only one claimed but not yet sent can end
                // interrupted without reaching the provider: never one that waited for its slot.
                assertThat(interruptedWithoutWrite)
                        .as("interrupted executions whose write never reached the provider")
                        .isLessThanOrEqualTo(PER_CONNECTION_LIMIT);
            }
        }
    }

    /**
     * Clients trigger writes until the server dies: half non-idempotent, all async except, while
     * accepting, half of them synchronous. Acknowledged executions are collected.
     */
    private static ExecutorService sendAll(
            ServerProcess server, Moment moment, Map<String, String> acknowledged, List<String> refusals) {
        var clients = Executors.newFixedThreadPool(CLIENTS);
        var next = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                for (int i = next.getAndIncrement(); i < EXECUTIONS; i = next.getAndIncrement()) {
                    var action = i % 2 == 0 ? "write" : "put";
                    boolean sync = moment == Moment.WHILE_ACCEPTING && i % 4 >= 2;
                    var headers = sync ? new String[0] : new String[] {"X-Async", "true"};
                    try {
                        var answer = server.trigger("sink", "c1", action, "{\"label\":\"n" + i + "\"}", headers);
                        var id = answer.headers().firstValue("X-Execution-Id");
                        if ((answer.statusCode() == 202 || answer.statusCode() == 200) && id.isPresent()) {
                            acknowledged.put(id.get(), action);
                        } else if (answer.statusCode() != 200 && answer.statusCode() != 202) {
                            refusals.add(answer.statusCode() + ": " + answer.body());
                        }
                    } catch (IOException killed) {
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        return clients;
    }
}
