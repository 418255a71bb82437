package io.actionport.server.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs a bundle project's build: {@code --build-command} through the shell when given, else the
 * project's {@code ./mvnw}, else {@code mvn} from the PATH, each as {@code -B -q -o package -DskipTests}
 * (batch mode: no colours in the lines shown on failure).
 * Keeps the last lines of its output to show when it fails. The build runs on the JDK that runs
 * this command unless {@code JAVA_HOME} says otherwise.
 */
final class BuildRunner {

    static final int LAST_LINES = 30;
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    private static final List<String> MAVEN_ARGUMENTS = List.of("-B", "-q", "-o", "package", "-DskipTests");
    /** Colour codes some builds print even in batch mode; the lines shown on failure are plain text. */
    private static final Pattern ANSI_ESCAPES = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    /** Whether a failed build stopped because Maven, run offline, lacked something it had never downloaded. */
    static boolean missedOfflineArtifacts(Outcome outcome) {
        return outcome.lastLines().stream().anyMatch(line -> line.contains("in offline mode"));
    }

    /** How a build ended: its exit code and the last lines it printed. */
    record Outcome(int exitCode, List<String> lastLines) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Path project;
    private final List<String> command;
    private volatile Process running;

    private BuildRunner(Path project, List<String> command) {
        this.project = project;
        this.command = List.copyOf(command);
    }

    /** The build of {@code project}: {@code buildCommand} (a shell command line) when not null, else Maven. */
    static BuildRunner of(Path project, String buildCommand) {
        if (buildCommand != null && !buildCommand.isBlank()) {
            return new BuildRunner(
                    project, WINDOWS ? List.of("cmd", "/c", buildCommand) : List.of("sh", "-c", buildCommand));
        }
        var wrapper = project.resolve(WINDOWS ? "mvnw.cmd" : "mvnw");
        if (Files.isRegularFile(wrapper)) {
            var start = WINDOWS || Files.isExecutable(wrapper)
                    ? List.of(wrapper.toString())
                    : List.of("sh", wrapper.toString());
            return new BuildRunner(project, concat(start, MAVEN_ARGUMENTS));
        }
        var maven = onPath(WINDOWS ? "mvn.cmd" : "mvn")
                .orElseThrow(() -> new CommandFailure(
                        "no_build_tool",
                        "no ./mvnw in " + project + " and no mvn on the PATH: install Maven, add the Maven wrapper"
                                + " to the project, or pass --build-command '<your build>'"));
        return new BuildRunner(project, concat(List.of(maven.toString()), MAVEN_ARGUMENTS));
    }

    /** The command line, for the user to read. */
    String describe() {
        return String.join(" ", command);
    }

    /** Runs the build to its end; an interrupt stops it (and what it started) and is thrown on. */
    Outcome run() throws InterruptedException {
        var builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        if (System.getenv("JAVA_HOME") == null) {
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandFailure("build_not_started", "cannot run '" + describe() + "': " + e.getMessage());
        }
        running = process;
        var lastLines = new ArrayDeque<String>();
        var reader = Thread.ofVirtual().start(() -> keepLastLines(process, lastLines));
        try {
            process.getOutputStream().close();
            int exitCode = process.waitFor();
            reader.join();
            synchronized (lastLines) {
                return new Outcome(exitCode, List.copyOf(lastLines));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            stop();
        }
    }

    /** Stops a running build, with every process it started; nothing when none runs. */
    void stop() {
        var process = running;
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        running = null;
    }

    private static void keepLastLines(Process process, ArrayDeque<String> lastLines) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (var line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (lastLines) {
                    if (lastLines.size() == LAST_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(ANSI_ESCAPES.matcher(line).replaceAll(""));
                }
            }
        } catch (IOException e) {
            // The build was stopped and its output closed; what was read is kept.
        }
    }

    private static Optional<Path> onPath(String program) {
        var path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (var folder : path.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            var candidate = Path.of(folder).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
