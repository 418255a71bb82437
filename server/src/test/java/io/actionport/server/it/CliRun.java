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
 * One run of the CLI in this JVM, as a user types it (against a server with {@code --url} and
 * {@code --key}, or not): what it printed (standard output) and what it said went wrong (its error
 * stream).
 */
record CliRun(int code, String out, String err) {

    static CliRun against(URI url, String key, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url.toString(), "--key", key));
        return of(all);
    }

    /** Runs the command line in this JVM; what it prints, through picocli or {@code System.out}, lands in {@code out}. */
    static CliRun of(List<String> args) {
        var err = new StringWriter();
        var commandLine = ActionportCli.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        var captured = new ByteArrayOutputStream();
        commandLine.setOut(new PrintWriter(captured, true));
        var previous = System.out;
        System.setOut(new PrintStream(captured, true));
        try {
            int code = commandLine.execute(args.toArray(String[]::new));
            return new CliRun(code, captured.toString(), err.toString());
        } finally {
            System.setOut(previous);
        }
    }
}
