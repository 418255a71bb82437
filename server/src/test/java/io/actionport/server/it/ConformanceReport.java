package io.actionport.server.it;

import io.actionport.server.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one run of the MCP conformance suite said, read from its printed summary and the {@code
 * checks.json} it saves per scenario: the verdict against the baseline, and, for a reader who must
 * fix or re-baseline, every failing check of the scenarios that failed unexpectedly.
 */
record ConformanceReport(
        String total, List<String> stale, List<String> unexpected, Map<String, List<FailedCheck>> failedChecks) {

    /**
     * A check that did not pass, as the suite saved it: {@code FAILURE}, or {@code WARNING} (a
     * SHOULD not met), which a per-check baseline entry must list too.
     */
    record FailedCheck(String id, String status, String errorMessage) {}

    private static final Set<String> NOT_PASSED = Set.of("FAILURE", "WARNING");

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern SCENARIO_DIR = Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T[0-9-]+Z");

    /** Reads the suite's {@code stdout} and the scenario directories it wrote under {@code checksDir}. */
    static ConformanceReport read(String stdout, Path checksDir) {
        var lines = ANSI.matcher(stdout).replaceAll("").lines().toList();
        var total = lines.stream()
                .filter(line -> line.startsWith("Total:"))
                .findFirst()
                .orElse("Total: (the suite printed no summary)");
        return new ConformanceReport(
                total,
                section(lines, "Stale baseline entries"),
                section(lines, "Unexpected failures"),
                failedChecks(checksDir));
    }

    /** The entries listed under the heading that starts with {@code heading}, up to the next blank line. */
    private static List<String> section(List<String> lines, String heading) {
        var entries = new ArrayList<String>();
        boolean inside = false;
        for (var line : lines) {
            if (line.startsWith(heading)) {
                inside = true;
            } else if (inside && line.isBlank()) {
                break;
            } else if (inside) {
                entries.add(line.trim().replaceFirst("^[✗✓~]\\s*", ""));
            }
        }
        return entries;
    }

    private static Map<String, List<FailedCheck>> failedChecks(Path checksDir) {
        var byScenario = new LinkedHashMap<String, List<FailedCheck>>();
        if (!Files.isDirectory(checksDir)) {
            return byScenario;
        }
        try (Stream<Path> dirs = Files.list(checksDir)) {
            for (var dir : dirs.sorted().toList()) {
                var name = SCENARIO_DIR.matcher(dir.getFileName().toString());
                var checks = dir.resolve("checks.json");
                if (!name.matches() || !Files.exists(checks)) {
                    continue;
                }
                var failed = new ArrayList<FailedCheck>();
                Set<String> seen = new LinkedHashSet<>();
                for (var check : Json.MAPPER.readTree(checks.toFile())) {
                    var id = check.path("id").asString();
                    var status = check.path("status").asString();
                    if (NOT_PASSED.contains(status) && seen.add(id)) {
                        failed.add(new FailedCheck(
                                id, status, check.path("errorMessage").asString("")));
                    }
                }
                byScenario.put(name.group(1), failed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byScenario;
    }

    /** Whether the suite judged the run against the baseline and found nothing wrong. */
    boolean metBaseline() {
        return stale.isEmpty() && unexpected.isEmpty();
    }

    /**
     * What a reader needs when the run missed its baseline: the stale entries to delete, and each
     * unexpected failure as a baseline line ({@code - scenario:check-id}) with the suite's reason.
     */
    String explain(Path baseline) {
        var baselineFile = baseline.getFileName().toString();
        var listed = entries(baseline);
        var text = new StringBuilder(total).append('\n');
        if (!stale.isEmpty()) {
            text.append("\nNow passing, so delete these entries from ")
                    .append(baselineFile)
                    .append(":\n");
            stale.forEach(entry -> text.append("  - ").append(entry).append('\n'));
        }
        if (!unexpected.isEmpty()) {
            text.append("\nFailing but not in ")
                    .append(baselineFile)
                    .append(" (fix them, or, if not built yet, add these lines):\n");
            for (var entry : unexpected) {
                var parts = entry.split(":", 2);
                var checks = failedChecks.getOrDefault(parts[0], List.of()).stream()
                        .filter(check -> parts.length == 1 || check.id().equals(parts[1]))
                        .filter(check -> !listed.contains(parts[0] + ":" + check.id()))
                        .toList();
                if (checks.isEmpty()) {
                    text.append("  - ").append(entry).append('\n');
                }
                for (var check : checks) {
                    text.append("  - ")
                            .append(parts[0])
                            .append(':')
                            .append(check.id())
                            .append("  # ")
                            .append(check.status())
                            .append(": ")
                            .append(oneLine(check.errorMessage()))
                            .append('\n');
                }
            }
        }
        return text.toString();
    }

    /** The entries of a baseline file: its {@code - entry} lines, comments aside. */
    private static Set<String> entries(Path baseline) {
        try {
            var entries = new LinkedHashSet<String>();
            for (var line : Files.readAllLines(baseline)) {
                var entry = line.replaceFirst("#.*", "").trim();
                if (entry.startsWith("- ")) {
                    entries.add(entry.substring(2).trim());
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String oneLine(String message) {
        var line = message.replaceAll("\\s+", " ").trim();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
