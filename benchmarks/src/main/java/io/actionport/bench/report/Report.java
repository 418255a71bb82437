package io.actionport.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Everything a run found, printed as a table and written as Markdown and JSON. */
public final class Report {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final String mode;
    private final String command;
    private final Instant started = Instant.now();
    private final Map<String, Object> machine = new LinkedHashMap<>(Machine.describe());
    private final Map<String, String> targets = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Micro> micro = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final PrintStream out;

    public Report(String mode, String command, PrintStream out) {
        this.mode = mode;
        this.command = command;
        this.out = out;
    }

    public synchronized void machine(String key, Object value) {
        machine.put(key, value);
    }

    /** Describes a target the first time it is seen. */
    public synchronized void target(String name, String description) {
        targets.putIfAbsent(name, description);
    }

    public synchronized void add(Row row) {
        rows.add(row);
        out.println(Tables.line(row));
    }

    public synchronized void add(Micro result) {
        micro.add(result);
        out.printf(
                Locale.ROOT,
                "jmh %-50s %10.3f ± %.3f %s%n",
                result.benchmark(),
                result.score(),
                result.error(),
                result.unit());
    }

    public synchronized void note(String note) {
        notes.add(note);
        out.println("note: " + note);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized List<Micro> micro() {
        return List.copyOf(micro);
    }

    /** Prints the whole table and writes {@code results.md} and {@code results.json} to {@code dir}. */
    public synchronized void finish(Path dir) {
        var checks = DesignChecks.of(rows, micro);
        var markdown = Tables.markdown(mode, command, started, machine, targets, rows, micro, checks, notes);
        out.println();
        out.println(markdown);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.md"), markdown);
            var json = new LinkedHashMap<String, Object>();
            json.put("mode", mode);
            json.put("command", command);
            json.put("started", started.toString());
            json.put("machine", machine);
            json.put("targets", targets);
            json.put("rows", rows);
            json.put("jmh", micro);
            json.put("checks", checks);
            json.put("notes", notes);
            Files.writeString(dir.resolve("results.json"), JSON.writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + dir, e);
        }
        out.println("wrote " + dir.resolve("results.md") + " and " + dir.resolve("results.json"));
    }
}
