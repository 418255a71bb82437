package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints an execution's log lines, and with {@code --follow} keeps printing until it finishes. */
@Command(name = "logs", description = "Show an execution's logs: logs <id> [--follow].")
final class LogsCommand implements Callable<Integer> {

    private static final long FOLLOW_POLL_MILLIS = 500;

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", description = "Execution id.")
    String id;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines until the execution finishes.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        int after = -1;
        while (true) {
            var page = Json.MAPPER.readTree(
                    remote.get("/executions/" + RemoteOptions.segment(id) + "/logs?after=" + after));
            for (var line : page.path("logs")) {
                System.out.println(
                        line.path("at").asString() + " " + line.path("level").asString() + " "
                                + line.path("message").asString()
                                + (line.has("fields") ? " " + line.get("fields") : ""));
            }
            after = page.path("next").asInt();
            if (!follow || page.path("finished").asBoolean()) {
                if (follow) {
                    System.out.println("-- execution " + page.path("status").asString());
                }
                return 0;
            }
            Thread.sleep(FOLLOW_POLL_MILLIS);
        }
    }
}
