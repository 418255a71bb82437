package io.actionport.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records of synchronous calls that end at the same time are written together, in shared
 * transactions and flushes; a record the store refuses fails its own call and no other.
 */
class FinishedCallsTest {

    private static final int CALLS = 200;

    @TempDir
    Path dataDir;

    @Test
    void calls_ending_together_share_transactions_and_flushes_and_each_record_is_stored_with_its_logs()
            throws Exception {
        try (var database = Database.openEmbedded(dataDir)) {
            var executions = new ExecutionStore(database);
            long flushesBefore = executions.flushes();
            var ids = new ArrayList<String>();
            for (int i = 0; i < CALLS; i++) {
                ids.add(UUID.randomUUID().toString());
            }

            var failures = storeAtOnce(executions, ids);

            assertThat(failures).as("calls whose record was refused").isEmpty();
            for (int i = 0; i < CALLS; i++) {
                var stored = executions.find(ids.get(i)).orElseThrow();
                assertThat(stored.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(stored.output()).isEqualTo("{\"n\":" + i + "}");
                assertThat(executions.logs(ids.get(i)))
                        .extracting(LogLine::message)
                        .containsExactlyElementsOf(
                                logsOf(i).stream().map(LogLine::message).toList());
            }
            assertThat(executions.flushes() - flushesBefore)
                    .as("flushes for %d calls ending at once", CALLS)
                    .isPositive()
                    .isLessThan(CALLS / 2);
        }
    }

    @Test
    void a_record_the_store_refuses_fails_its_own_call_and_the_others_of_its_batch_are_stored() throws Exception {
        try (var database = Database.openEmbedded(dataDir)) {
            var executions = new ExecutionStore(database);
            var taken = UUID.randomUUID().toString();
            executions.insertFinished(record(taken, 0), List.of(), true);
            var ids = new ArrayList<String>();
            for (int i = 0; i < CALLS; i++) {
                ids.add(i == CALLS / 2 ? taken : UUID.randomUUID().toString());
            }

            var failures = storeAtOnce(executions, ids);

            assertThat(failures).as("calls whose record was refused").containsExactly(CALLS / 2);
            for (int i = 0; i < CALLS; i++) {
                if (i != CALLS / 2) {
                    assertThat(executions.find(ids.get(i))).as("record %d", i).isPresent();
                }
            }
            assertThat(executions.find(taken).orElseThrow().output())
                    .as("the first record under the taken id")
                    .isEqualTo("{\"n\":0}");
        }
    }

    /** Stores one finished call per id from as many threads at once; returns the indexes of those that failed. */
    private static List<Integer> storeAtOnce(ExecutionStore executions, List<String> ids) throws Exception {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<Boolean>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < ids.size(); i++) {
                int n = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    try {
                        executions.insertFinished(record(ids.get(n), n), logsOf(n), true);
                        return true;
                    } catch (StoreException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            var failed = new ArrayList<Integer>();
            for (int i = 0; i < futures.size(); i++) {
                if (!futures.get(i).get()) {
                    failed.add(i);
                }
            }
            return failed;
        }
    }

    /** Every third call logged two lines; the others nothing. */
    private static List<LogLine> logsOf(int n) {
        if (n % 3 != 0) {
            return List.of();
        }
        var at = Instant.parse("2026-12-02T10:00:00Z");
        return List.of(
                new LogLine(at, "INFO", "call " + n + " began", Map.of()),
                new LogLine(at, "INFO", "call " + n + " ended", Map.of("n", Integer.toString(n))));
    }

    private static ExecutionRecord record(String id, int n) {
        var at = Instant.parse("2026-12-02T10:00:00Z");
        return new ExecutionRecord(
                id,
                "dev",
                "demo",
                "echo",
                "1",
                "demo",
                "job",
                ExecutionStatus.SUCCEEDED,
                1,
                1,
                "{}",
                "{\"n\":" + n + "}",
                null,
                null,
                null,
                at,
                at,
                at,
                null,
                null,
                null);
    }
}
