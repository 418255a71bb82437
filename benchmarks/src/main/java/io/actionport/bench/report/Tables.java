package io.actionport.bench.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Formats rows for the console and the whole report as Markdown. */
final class Tables {

    private static final String HEADER =
            "| scenario | target | clients | ops/s | p50 ms | p90 ms | p99 ms | max ms | errors "
                    + "| server RSS MB | server heap MB | server CPU % | client CPU % | more |";

    private Tables() {}

    static String line(Row row) {
        return String.format(
                Locale.ROOT,
                "%-30s %-36s %4d %10s ops/s p50 %8s p90 %8s p99 %8s max %8s ms errors %d rss %s MB heap %s MB"
                        + " cpu %s%%/%s%% %s",
                row.scenario(),
                row.target(),
                row.clients(),
                number(row.throughput()),
                number(row.p50()),
                number(row.p90()),
                number(row.p99()),
                number(row.max()),
                row.errors(),
                number(row.rssMb()),
                number(row.heapMb()),
                number(row.serverCpu()),
                number(row.clientCpu()),
                row.extra().isEmpty() ? "" : row.extra());
    }

    static String markdown(
            String mode,
            String command,
            Instant started,
            Map<String, Object> machine,
            Map<String, String> targets,
            List<Row> rows,
            List<Micro> micro,
            List<Check> checks,
            List<String> notes) {
        var md = new StringBuilder();
        md.append("# Actionport benchmark results (").append(mode).append(" run)\n\n");
        md.append("Measured ")
                .append(started)
                .append(" with:\n\n```sh\n")
                .append(command)
                .append("\n```\n\n");
        md.append("## Machine\n\n| | |\n| --- | --- |\n");
        machine.forEach((key, value) ->
                md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        md.append("\n## Targets\n\n| name | what |\n| --- | --- |\n");
        targets.forEach((name, description) ->
                md.append("| ").append(name).append(" | ").append(description).append(" |\n"));
        md.append(
                "\n## Design targets\n\n| target (DESIGN.md) | measured | ratio | verdict |\n| --- | --- | --- | --- |\n");
        for (var check : checks) {
            md.append("| ")
                    .append(check.target())
                    .append(" | ")
                    .append(check.measured())
                    .append(" | ");
            md.append(check.ratio()).append(" | ").append(check.verdict()).append(" |\n");
        }
        md.append("\n## Results\n\n").append(HEADER).append('\n');
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (var row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s |%n",
                    row.scenario(),
                    row.target(),
                    row.clients() == 0 ? "" : String.valueOf(row.clients()),
                    number(row.throughput()),
                    number(row.p50()),
                    number(row.p90()),
                    number(row.p99()),
                    number(row.max()),
                    row.errors(),
                    number(row.rssMb()),
                    number(row.heapMb()),
                    number(row.serverCpu()),
                    number(row.clientCpu()),
                    row.extra().entrySet().stream()
                            .map(entry -> entry.getKey() + "=" + format(entry.getValue()))
                            .collect(Collectors.joining(", "))));
        }
        if (!micro.isEmpty()) {
            md.append("\n## JMH (average time per operation)\n\n| benchmark | score | ± | unit | what |\n");
            md.append("| --- | ---: | ---: | --- | --- |\n");
            for (var result : micro) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s |%n",
                        result.benchmark(),
                        number(result.score()),
                        number(result.error()),
                        result.unit(),
                        result.description()));
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String format(Object value) {
        return value instanceof Double number ? number(number) : String.valueOf(value);
    }
}
