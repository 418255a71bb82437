package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Inspects and cancels executions in the key's environment. */
@Command(
        name = "executions",
        description = "Inspect and cancel executions.",
        subcommands = {ExecutionsCommand.List.class, ExecutionsCommand.Get.class, ExecutionsCommand.Cancel.class})
final class ExecutionsCommand {

    @Command(name = "list", description = "List the newest executions, filtered.")
    static final class List implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Mixin
        OutputFormat output;

        @Option(names = "--action", description = "Only this action (name or integration/name).")
        String action;

        @Option(names = "--status", description = "Only this status: queued, running, succeeded, failed, cancelled.")
        String status;

        @Option(names = "--connection", description = "Only this connection.")
        String connection;

        @Option(names = "--since", description = "Only executions created since, e.g. 2026-11-25T10:00:00Z.")
        String since;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            var query = new StringBuilder("?limit=" + limit);
            appendParam(query, "action", action);
            appendParam(query, "status", status);
            appendParam(query, "connection", connection);
            appendParam(query, "since", since);
            var answer = Json.MAPPER.readTree(remote.get("/executions" + query));
            if (output.printedAsJson(answer)) {
                return 0;
            }
            for (var execution : answer.get("executions")) {
                System.out.printf(
                        "%-36s %-10s %-28s %-6s %s%n",
                        execution.get("id").asString(),
                        execution.get("status").asString(),
                        execution.get("action").asString(),
                        execution.get("caller").asString(),
                        execution.get("created_at").asString());
            }
            return 0;
        }
    }

    private static void appendParam(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    @Command(name = "get", description = "Show one execution with its output or error and its logs.")
    static final class Get implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "Execution id.")
        String id;

        @Override
        public Integer call() {
            System.out.println(Json.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Json.MAPPER.readTree(remote.get("/executions/" + RemoteOptions.segment(id)))));
            return 0;
        }
    }

    @Command(name = "cancel", description = "Cancel a queued or running execution.")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "Execution id.")
        String id;

        @Override
        public Integer call() {
            remote.send(
                    "POST",
                    "/executions/" + RemoteOptions.segment(id) + "/cancel",
                    HttpRequest.BodyPublishers.noBody(),
                    "application/json",
                    null);
            System.out.println("cancelled " + id);
            return 0;
        }
    }
}
