package io.actionport.examples;

import io.actionport.server.Actionport;
import io.actionport.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A backend job that embeds the server and calls actions in-process: the same runner, validation
 * and execution records as the HTTP and MCP doors, with no network hop.
 */
public final class InProcessJobExample {

    private InProcessJobExample() {}

    /** The output of the demo tracker's create-issue action. */
    public record CreatedIssue(long id, String url) {}

    public static void main(String[] args) {
        try (var server = Actionport.start(ServerConfig.defaults(Path.of(args.length > 0 ? args[0] : "job-data")))) {
            fileIssues(server, List.of("Nightly build red", "Flaky login test")).forEach(System.out::println);
        }
    }

    /** Files one issue per title through the runner and returns what the action answered. */
    public static List<CreatedIssue> fileIssues(Actionport server, List<String> titles) {
        var jobs = server.jobs("dev", "demo", "demo");
        return titles.stream()
                .map(title -> jobs.call("create-issue", Map.of("title", title), CreatedIssue.class))
                .toList();
    }
}
