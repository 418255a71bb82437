package io.actionport.server.it;

import io.actionport.server.cli.ActionportCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the CLI in this JVM against a server, as a user types it with {@code --url} and
 * {@code --key}: what it printed (standard output) and what it said went wrong (its error stream).
 */
record CliRun(int code, String out, String err) {

    static CliRun against(URI url, String key, String... args) {
        var err = new StringWriter();
        var commandLine = ActionportCli.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url.toString(), "--key", key));
        var previous = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            int code = commandLine.execute(all.toArray(String[]::new));
            return new CliRun(code, captured.toString(), err.toString());
        } finally {
            System.setOut(previous);
        }
    }
}
