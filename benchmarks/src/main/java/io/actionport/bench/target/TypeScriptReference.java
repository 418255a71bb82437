package io.actionport.bench.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The official TypeScript SDK server, {@code @modelcontextprotocol/server-everything} from npm, in
 * its Streamable HTTP mode, run directly by {@code node} (no {@code npx} or shell between, so the
 * harness measures the server's own process).
 *
 * @param node the {@code node} binary
 * @param nodeVersion what {@code node --version} printed
 * @param packageDir the installed package
 */
public record TypeScriptReference(Path node, String nodeVersion, Path packageDir) {

    public static final String PACKAGE = "@modelcontextprotocol/server-everything";
    public static final String VERSION = "2026.8.31";

    /**
     * Finds the reference, installing it with npm under {@code workDir} when {@code install} is set.
     *
     * @return the reference, or why it cannot run
     */
    public static Result locate(Optional<Path> node, Path workDir, boolean install) {
        if (node.isEmpty()) {
            return new Result(null, "node was not found (set --node or put node on PATH)");
        }
        var version = run(List.of(node.get().toString(), "--version"), workDir, node.get());
        if (version.isEmpty()) {
            return new Result(null, node.get() + " --version failed");
        }
        var prefix = workDir.resolve("ts-reference");
        var packageDir = prefix.resolve("node_modules").resolve(PACKAGE);
        if (!Files.isRegularFile(packageDir.resolve("dist/index.js"))) {
            if (!install) {
                return new Result(
                        null,
                        PACKAGE + " is not installed under " + prefix
                                + " and smoke runs do not use the network; a full run installs it");
            }
            var npm = node.get().resolveSibling("npm");
            var command = List.of(
                    Files.isExecutable(npm) ? npm.toString() : "npm",
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                    prefix.toString(),
                    PACKAGE + "@" + VERSION);
            if (run(command, workDir, node.get()).isEmpty()
                    || !Files.isRegularFile(packageDir.resolve("dist/index.js"))) {
                return new Result(null, "npm install " + PACKAGE + "@" + VERSION + " failed");
            }
        }
        return new Result(new TypeScriptReference(node.get(), version.get().trim(), packageDir), null);
    }

    /** A located reference, or the reason there is none. */
    public record Result(TypeScriptReference reference, String reason) {
        public Optional<TypeScriptReference> found() {
            return Optional.ofNullable(reference);
        }
    }

    public String description() {
        return PACKAGE + " " + VERSION + " (TypeScript SDK " + sdkVersion() + ", Express), streamableHttp mode, node "
                + nodeVersion;
    }

    /** The command line, with the preload that binds to loopback and answers stats. */
    List<String> command(Path workDir) {
        var preload = workDir.resolve("loopback-stats.mjs");
        try (InputStream in = TypeScriptReference.class.getResourceAsStream("loopback-stats.mjs")) {
            Files.copy(in, preload, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(
                node.toString(),
                "--import",
                preload.toUri().toString(),
                packageDir.resolve("dist/index.js").toString(),
                "streamableHttp");
    }

    private String sdkVersion() {
        var manifest = packageDir.resolveSibling("sdk").resolve("package.json");
        try {
            var text = Files.readString(manifest);
            var matcher = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(text);
            return matcher.find() ? matcher.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static Optional<String> run(List<String> command, Path workDir, Path node) {
        try {
            Files.createDirectories(workDir);
            var builder =
                    new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            // npm runs on the `node` of PATH: make it this one.
            builder.environment().put("PATH", node.toAbsolutePath().getParent() + ":" + System.getenv("PATH"));
            var process = builder.start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
