package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The author's loop: builds a bundle project and deploys it to a running server, on start and after
 * every change under {@code src/} or to {@code pom.xml}, printing each deploy's change plan. A
 * failed build or deploy is printed and the watch goes on; Ctrl-C stops it.
 */
@Command(
        name = "dev",
        description = "Build and deploy a bundle project now and on every change to src/ or pom.xml: dev [dir].")
final class DevCommand implements Callable<Integer> {

    @Mixin
    RemoteOptions remote;

    @Parameters(
            arity = "0..1",
            paramLabel = "dir",
            description = "The bundle project (default: the current directory).")
    Path directory;

    @Option(
            names = {"-e", "--env"},
            defaultValue = "dev",
            description = "The environment to deploy to (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(
            names = "--build-command",
            paramLabel = "COMMAND",
            description =
                    "The build, as a shell command line (default: ./mvnw, else mvn, with -B -q -o package -DskipTests).")
    String buildCommand;

    @Option(names = "--once", description = "Build and deploy once, then exit.")
    boolean once;

    @Option(names = "--allow-breaking", description = "Deploy even when an input schema change breaks current callers.")
    boolean allowBreaking;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var project =
                (directory == null ? Path.of("") : directory).toAbsolutePath().normalize();
        if (buildCommand == null && !Files.isRegularFile(project.resolve("pom.xml"))) {
            throw new CommandFailure(
                    "not_a_project",
                    project + " has no pom.xml: run dev in a bundle project ('actionport init' creates one),"
                            + " or pass --build-command");
        }
        var build = BuildRunner.of(project, buildCommand);
        requireServer();
        if (once) {
            return buildAndDeploy(project, build) ? 0 : 1;
        }
        try (var watcher = ProjectWatcher.watch(project)) {
            var stop = new Thread(() -> {
                build.stop();
                out().println("stopped watching " + project);
                out().flush();
            });
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                watch(project, build, watcher);
            } finally {
                removeShutdownHook(stop);
            }
        }
        return 0;
    }

    private void watch(Path project, BuildRunner build, ProjectWatcher watcher) {
        try {
            buildAndDeploy(project, build);
            while (true) {
                out().println("watching " + project + " (src/, pom.xml); Ctrl-C stops");
                out().flush();
                var changed = watcher.awaitChange();
                out().println("changed: "
                        + changed.stream()
                                .map(path -> path.toString().replace('\\', '/'))
                                .collect(Collectors.joining(", ")));
                buildAndDeploy(project, build);
            }
        } catch (InterruptedException e) {
            // Stopped by whoever ran the command (a test, an embedding program): end as Ctrl-C does.
            out().println("stopped watching " + project);
            out().flush();
        }
    }

    /** One round: build, then deploy the built bundle; says what went wrong, never throws for it. */
    private boolean buildAndDeploy(Path project, BuildRunner build) throws InterruptedException {
        out().println("building: " + build.describe());
        out().flush();
        var outcome = build.run();
        if (!outcome.succeeded()) {
            var err = err();
            err.println("build failed (exit " + outcome.exitCode() + "); its last lines:");
            outcome.lastLines().forEach(line -> err.println("  " + line));
            var fix = BuildRunner.missedOfflineArtifacts(outcome)
                    ? "Maven ran offline (-o) and has not downloaded this project's plugins or dependencies yet:"
                            + " build it once online (mvn -DskipTests package)"
                    : "fix the build";
            err.println(CommandErrors.line(new CommandFailure(
                    "build_failed", fix + (once ? " and run dev again" : "; the next change rebuilds"))));
            err.flush();
            return false;
        }
        try {
            var answer = Json.MAPPER.readTree(remote.send(
                    "POST",
                    "/admin/deploy" + (allowBreaking ? "?allow_breaking=true" : ""),
                    HttpRequest.BodyPublishers.ofByteArray(BundleFiles.ofProject(project)),
                    "application/java-archive",
                    environment));
            DeployCommand.printDeployed(answer, environment, out());
            out().flush();
            return true;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped while deploying");
            }
            err().println(CommandErrors.line(e));
            err().flush();
            return false;
        }
    }

    /** Fails at once, saying how to start a server, when nothing answers at {@code --url}. */
    private void requireServer() {
        try {
            remote.get("/health/live");
        } catch (CommandFailure e) {
            if (e.code().equals("unreachable") || e.code().equals("timeout")) {
                throw new CommandFailure(
                        e.code(),
                        "no Actionport server answers at " + remote.url
                                + ": start one in another shell with 'actionport serve' (its first start prints"
                                + " the dev admin key to use as ACTIONPORT_KEY), or point --url at one");
            }
            throw e;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already stopping (Ctrl-C): the hook runs.
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
