package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.server.Actionport;
import io.actionport.server.async.AsyncConfig;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.registry.Bundle;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One noisy connection cannot take every worker: its executions run at most N at a time. */
class ConcurrencyLimitTest {

    record Input(String connection) {}

    record Output(int concurrent) {}

    static final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();

    /** Holds its slot for 200 ms and records how many runs of its connection overlapped. */
    public static final class Busy implements Action<Input, Output> {
        @Override
        public ActionDescriptor<Input, Output> descriptor() {
            return ActionDescriptor.builder("busy", "work", Input.class, Output.class)
                    .description("Works for 200 ms.")
                    .hints(ActionHints.IDEMPOTENT_WRITE)
                    .build();
        }

        @Override
        public Output run(Input input, ActionContext context) throws Exception {
            var key = context.connection().connectionId();
            int now = running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            peak.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(200);
                return new Output(now);
            } finally {
                running.get(key).decrementAndGet();
            }
        }
    }

    @TempDir
    Path dataDir;

    @Test
    void a_connection_runs_at_most_its_limit_at_once_while_another_connection_is_not_held_up() {
        var config = ServerConfig.defaults(dataDir)
                .withDevKey("limits-key")
                .withMasterKey(TestServer.MASTER_KEY)
                .withDatabaseUrl(null);
        try (var server =
                Actionport.start(config.withAsync(AsyncConfig.defaults().withLimits(2, 0)))) {
            server.connections()
                    .saveIntegration(
                            new Integration("dev", "busy", URI.create("http://127.0.0.1:9"), AuthScheme.NONE, null));
            for (var connection : List.of("noisy", "quiet")) {
                server.connections().create(new Connection("dev", "busy", connection, Map.of(), Map.of()));
            }
            server.registry().deploy("dev", Bundle.of("busy", new Busy()), List.of());

            var ids = new ArrayList<String>();
            for (int i = 0; i < 8; i++) {
                ids.add(server.jobs("dev", "busy", "noisy").submit("work", new Input("noisy")));
            }
            var quiet = server.jobs("dev", "busy", "quiet").submit("work", new Input("quiet"));

            var quietOutput = server.jobs("dev", "busy", "quiet").await(quiet, Duration.ofSeconds(10));
            var noisyStillRunning = ids.stream()
                    .filter(id -> !server.executions()
                            .find("dev", id)
                            .orElseThrow()
                            .status()
                            .isFinished())
                    .count();
            for (var id : ids) {
                assertThat(server.jobs("dev", "busy", "noisy").await(id, Duration.ofSeconds(20)))
                        .isPresent();
            }

            assertThat(quietOutput).isPresent();
            assertThat(noisyStillRunning)
                    .as("the quiet connection finished before the noisy backlog")
                    .isPositive();
            assertThat(peak.get("noisy").get()).isEqualTo(2);
        }
    }
}
