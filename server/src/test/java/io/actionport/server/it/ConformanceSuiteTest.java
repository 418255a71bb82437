package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official MCP conformance suite against {@code /mcp}, once per protocol revision it
 * knows, through a proxy that adds the key the suite cannot send. Each run must meet its committed
 * baseline ({@code src/test/resources/conformance/<revision>.yaml}): no failure the baseline does
 * not list, and no listed failure that now passes.
 */
class ConformanceSuiteTest {

    /** Each run stays well under this; the suite gives one scenario 30 s before it gives up on it. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path dataDir;

    static NodeTools node;
    static TestServer server;
    static AuthAddingProxy proxy;

    @BeforeAll
    static void start() {
        node = NodeTools.installed();
        server = new TestServer(dataDir);
        // The fixtures call no provider: a configuration and a connection only so the runner can resolve one.
        server.deployWithoutProvider(ConformanceActions.INTEGRATION, "conformance", ConformanceActions.bundle());
        ConformanceActions.registry = server.server.registry();
        proxy = AuthAddingProxy.start(
                server.baseUrl(),
                Map.of(
                        "Authorization",
                        "Bearer " + TestServer.DEV_KEY,
                        "Provider-Config-Key",
                        ConformanceActions.INTEGRATION));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void passes_the_2025_11_25_requirements_but_for_its_baseline() {
        assertMeetsBaseline("2025-11-25");
    }

    @Test
    void passes_the_2026_07_28_requirements_but_for_its_baseline() {
        assertMeetsBaseline("2026-07-28");
    }

    private void assertMeetsBaseline(String revision) {
        var baseline = baseline(revision);
        var results = node.freshOutputDir("conformance-" + revision);
        var run = node.run(
                results,
                RUN_LIMIT,
                List.of(
                        node.conformanceCli().toString(),
                        "server",
                        "--url",
                        proxy.url("/mcp").toString(),
                        "--requirements",
                        revision,
                        "--expected-failures",
                        baseline.toString(),
                        "-o",
                        results.resolve("checks").toString()));

        var report = ConformanceReport.read(run.stdout(), results.resolve("checks"));
        System.out.println("conformance " + revision + ": " + report.total() + " in "
                + run.took().toMillis() + " ms");

        assertThat(report.metBaseline())
                .as("the conformance suite (%s) against its baseline:%n%s", revision, report.explain(baseline))
                .isTrue();
        // The suite judges only the set's required scenarios; the unscored ones (tasks, JSON Schema
        // 2020-12, header validation) must pass too, so that no regression hides there.
        var notPassed = report.failedChecks().entrySet().stream()
                .flatMap(scenario -> scenario.getValue().stream()
                        .map(check -> scenario.getKey() + ":" + check.id() + " " + check.status() + ": "
                                + check.errorMessage()))
                .toList();
        assertThat(notPassed)
                .as("checks of any scenario, scored or not; all passed when the last of them was built")
                .isEmpty();
        assertThat(run.exitCode())
                .as("the conformance suite's exit code; its output:%n%s", run.output())
                .isZero();
    }

    private static Path baseline(String revision) {
        try {
            return Path.of(ConformanceSuiteTest.class
                    .getResource("/conformance/" + revision + ".yaml")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
