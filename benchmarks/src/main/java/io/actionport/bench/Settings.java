package io.actionport.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How this run is set up: the plan, where files go, how server processes are launched and pinned.
 *
 * @param plan the scenario sizes and durations
 * @param outDir where the Markdown and JSON results go
 * @param workDir data directories, logs and the TypeScript reference install
 * @param javaBin the {@code java} that runs the Java servers (this JVM's)
 * @param classPath the class path the Java servers run with (this JVM's)
 * @param serverCpus the CPUs servers are pinned to with {@code taskset}, or empty for no pinning
 * @param clientCpus the CPUs this process (the load generator) is pinned to, or empty
 * @param node the {@code node} binary for the TypeScript reference, if one was found
 * @param only the scenarios to run; empty for all
 * @param command the command line, for the report
 * @param source what was measured (a commit), for the report
 */
public record Settings(
        Plan plan,
        Path outDir,
        Path workDir,
        String javaBin,
        String classPath,
        Optional<String> serverCpus,
        Optional<String> clientCpus,
        Optional<Path> node,
        Set<String> only,
        String command,
        String source) {

    /** The scenarios, by the names {@code --only} takes. */
    public static final List<String> SCENARIOS =
            List.of("tools-call", "tools-list", "async", "inflight", "startup", "jmh");

    public boolean runs(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    public Path logDir() {
        return workDir.resolve("logs");
    }

    /** The command prefix that pins a server to its CPUs, empty when not pinning. */
    public List<String> pin() {
        return serverCpus.map(cpus -> List.of("taskset", "-c", cpus)).orElse(List.of());
    }
}
