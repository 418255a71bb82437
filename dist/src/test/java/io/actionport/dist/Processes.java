package io.actionport.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end and keeps what it printed, stdout and stderr together. */
final class Processes {

    record Result(int exitCode, String output) {}

    private Processes() {}

    static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("ACTIONPORT_") || name.equals("JAVA_HOME"));
        builder.environment().putAll(environment);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not end within 2 minutes; it printed: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
