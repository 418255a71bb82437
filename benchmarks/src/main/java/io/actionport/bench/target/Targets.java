package io.actionport.bench.target;

import io.actionport.bench.Settings;
import io.actionport.bench.load.Endpoint;
import io.actionport.bench.server.ActionportServer;
import io.actionport.bench.server.CannedNettyServer;
import io.actionport.bench.server.ServletEchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts the servers of the benchmark as processes of their own, pinned to the server CPUs. */
public final class Targets {

    private static final Duration READY = Duration.ofSeconds(90);

    private final Settings settings;
    private final AtomicInteger started = new AtomicInteger();

    public Targets(Settings settings) {
        this.settings = settings;
    }

    /**
     * Actionport through the full runner and store, on a fresh data directory.
     *
     * @param jvmOptions e.g. a heap cap
     * @param options {@link ActionportServer}'s options besides the data directory
     */
    public Target actionport(String name, List<String> jvmOptions, Map<String, String> options) {
        var args =
                new ArrayList<String>(List.of("--data-dir", freshDirectory(name).toString()));
        options.forEach((option, value) -> {
            args.add("--" + option);
            args.add(value);
        });
        var process = java(name, ActionportServer.class, jvmOptions, args);
        return new Target(
                name,
                "Actionport " + io.actionport.server.Actionport.VERSION
                        + " (Reactor Netty transport, MCP Java SDK 2.1.0, full runner and execution store)",
                process,
                Endpoint.mcp(process.port(), false));
    }

    public Target actionport() {
        return actionport("actionport", List.of(), Map.of());
    }

    public Target servletSdk() {
        var process = java("servlet-sdk", ServletEchoServer.class, List.of(), List.of());
        return new Target(
                "servlet-sdk",
                "MCP Java SDK 2.1.0 HttpServletStreamableServerTransportProvider on Jetty 12.1 (ee10), echo tool",
                process,
                Endpoint.mcp(process.port(), false));
    }

    public Target canned() {
        var process = java("canned-netty", CannedNettyServer.class, List.of(), List.of());
        return new Target(
                "canned-netty",
                "bare Reactor Netty server answering canned JSON-RPC bytes (loopback ceiling)",
                process,
                Endpoint.mcp(process.port(), true));
    }

    /** The official TypeScript reference, when Node and its package are at hand. */
    public Target typescript(TypeScriptReference reference) {
        var command = new ArrayList<>(settings.pin());
        command.addAll(reference.command(settings.workDir()));
        var process = ServerProcess.start("typescript", command, Map.of("PORT", "0"), true, settings.logDir(), READY);
        return new Target("typescript", reference.description(), process, Endpoint.mcp(process.port(), false));
    }

    /** The command that runs {@code main} on this JVM's class path, pinned to the server CPUs. */
    public List<String> javaCommand(Class<?> main, List<String> jvmOptions, List<String> args) {
        var command = new ArrayList<>(settings.pin());
        command.add(settings.javaBin());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(settings.classPath());
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /** A new empty directory under the work directory. */
    public Path freshDirectory(String name) {
        try {
            return Files.createDirectories(
                    settings.workDir().resolve("data").resolve(name + "-" + started.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServerProcess java(String name, Class<?> main, List<String> jvmOptions, List<String> args) {
        return ServerProcess.start(
                name, javaCommand(main, jvmOptions, args), Map.of(), false, settings.logDir(), READY);
    }
}
