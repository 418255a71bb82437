package io.actionport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.bench.report.Names;
import io.actionport.bench.report.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke plan, end to end: every scenario runs against real server processes and produces
 * numbers without errors. It asserts that the harness works, never how fast anything is.
 */
class BenchmarksSmokeTest {

    @TempDir
    Path out;

    @Test
    void smoke_run_measures_every_scenario_without_errors() throws Exception {
        var console = new ByteArrayOutputStream();
        var report = Benchmarks.run(
                new String[] {"smoke", "--out", out.toString()},
                new PrintStream(console, true, StandardCharsets.UTF_8));
        System.out.println(console.toString(StandardCharsets.UTF_8));

        assertThat(report).isNotNull();
        assertThat(report.rows())
                .extracting(Row::scenario)
                .contains(Names.CALL, Names.ASYNC_LATENCY, Names.ASYNC_SUSTAINED, Names.INFLIGHT, Names.STARTUP);
        assertThat(report.rows()).anySatisfy(row -> assertThat(row.scenario()).startsWith(Names.LIST));
        assertThat(report.rows())
                .filteredOn(row -> row.scenario().equals(Names.CALL))
                .extracting(Row::target)
                .contains(Names.ACTIONPORT, Names.SERVLET, Names.CANNED);
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.operations()).as(row.scenario() + " " + row.target()).isPositive();
            assertThat(row.errors()).as(row.scenario() + " " + row.target()).isZero();
        });
        assertThat(report.micro())
                .extracting(result -> result.benchmark())
                .contains(Names.RUNNER_BENCHMARK, Names.RUNNER_64_CLIENTS, Names.RUNNER_64_PLATFORM_THREADS);
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("failed: ");
        assertThat(out.resolve("results.md")).isRegularFile();
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"rows\"");
    }
}
