package io.actionport.bench.jmh;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import io.actionport.server.registry.DeployedAction;
import io.actionport.server.runner.ActionRunner;
import io.actionport.server.runner.Caller;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ExecutionRequest;
import io.actionport.server.runner.PreparedExecution;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.ExecutionStore;
import io.actionport.server.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import tools.jackson.databind.JsonNode;

/**
 * The runner's cost per call on a real server's wiring (demo mode, H2 file store): the whole
 * {@code run} of the no-op {@code echo} from one thread and from 64, and its parts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RunnerBenchmark {

    /** The threads of {@link #run_echo_64_clients}. */
    public static final int CLIENTS = 64;

    private Path dataDir;
    private Actionport server;
    private ActionRunner runner;
    private ExecutionStore executions;
    private ExecutionRequest request;
    private DeployedAction echo;
    private PreparedExecution prepared;
    private JsonNode output;
    private String knownId;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dataDir = Files.createTempDirectory("actionport-jmh");
        server = Actionport.start(ServerConfig.defaults(dataDir).withPort(0).withDevKey("bench-key"));
        runner = server.runner();
        executions = server.executions();
        request = ExecutionRequest.of(
                "dev", "demo", "echo", "demo", Json.MAPPER.createObjectNode().put("message", "hello"), Caller.JOB);
        echo = server.registry().find("dev", "demo", "echo").orElseThrow();
        prepared = runner.prepare(request);
        output = Json.MAPPER.createObjectNode().put("message", "hello");
        var outcome = runner.run(request);
        if (!(outcome instanceof ExecutionOutcome.Succeeded ok)) {
            throw new IllegalStateException("echo failed in the benchmark set-up: " + outcome);
        }
        knownId = ok.executionId();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** The whole runner path of a no-op: resolve, validate in, run on the calling thread, validate out, record. */
    @Benchmark
    public ExecutionOutcome run_echo_through_runner() {
        return runner.run(request);
    }

    /**
     * The same path from {@value #CLIENTS} threads at once, as 64 MCP clients call it: the record's
     * durable commits are shared by group commit. JMH reports the time per call of one thread; the
     * harness divides it by the thread count for the amortised cost per call. The harness runs it
     * from virtual threads ({@code -Djmh.executor=VIRTUAL}), as the doors call the runner, and from
     * platform threads.
     */
    @Benchmark
    @Threads(CLIENTS)
    public ExecutionOutcome run_echo_64_clients() {
        return runner.run(request);
    }

    /** Steps 1-3: resolve the action, validate the input against its cached schema, resolve the connection. */
    @Benchmark
    public PreparedExecution prepare_validates_input() {
        return runner.prepare(request);
    }

    /** Step 5 as the runner does it: serialize the output, read it back as a tree, validate it. */
    @Benchmark
    public Object validate_output() {
        var tree = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(output));
        return echo.outputSchema().validate(tree);
    }

    /** Step 7: insert the execution record, then store how it finished. */
    @Benchmark
    public boolean record_insert_and_finish() {
        var id = runner.newId();
        executions.insert(runner.record(id, prepared, Caller.JOB, ExecutionStatus.RUNNING, 1, 1));
        return executions.finish(
                id,
                ExecutionStatus.SUCCEEDED,
                "{\"message\":\"hello\"}",
                null,
                null,
                null,
                java.time.Instant.now(),
                List.of());
    }

    /** One read of an execution record by id: the cost of a store round trip on the hot path. */
    @Benchmark
    public Object find_record() {
        return executions.find(knownId);
    }
}
