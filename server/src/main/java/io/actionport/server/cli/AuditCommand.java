package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists an environment's audit log: executions and admin operations, newest first. */
@Command(
        name = "audit",
        description = "Show the audit log of an environment (needs an admin key): who called or changed what, when,"
                + " through which door, with what result. Arguments appear only as a SHA-256 hash.")
final class AuditCommand implements Callable<Integer> {

    @Mixin
    RemoteOptions remote;

    @Mixin
    OutputFormat output;

    @Option(
            names = {"-e", "--environment"},
            defaultValue = "dev",
            description = "The environment whose log to show (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(
            names = "--since",
            description = "Only entries since an instant (2026-11-25T10:00:00Z) or a duration back from now (24h).")
    String since;

    @Option(names = "--actor", description = "Only entries of this key id, or oauth:<subject> for a token holder.")
    String actor;

    @Option(
            names = "--action",
            description = "Only this action (name or integration/name) or operation (deploy, undeploy, rollback,"
                    + " key.create, key.rotate, key.revoke, connection.create, connection.rotate, connection.delete,"
                    + " integration.set, webhook.set, webhook.remove).")
    String action;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        var query = new StringBuilder("?limit=" + limit);
        appendParam(query, "since", since);
        appendParam(query, "actor", actor);
        appendParam(query, "action", action);
        var answer = Json.MAPPER.readTree(
                remote.get("/environments/" + RemoteOptions.segment(environment) + "/audit" + query));
        if (output.printedAsJson(answer)) {
            return 0;
        }
        for (var entry : answer.get("entries")) {
            var result = entry.get("result").asString();
            var errorCode = entry.get("error_code");
            System.out.printf(
                    "%-24s %-28s %-5s %-28s %-10s %s%n",
                    entry.get("at").asString(),
                    text(entry.get("actor")),
                    entry.get("door").asString(),
                    entry.get("action").asString(),
                    errorCode == null || errorCode.isNull() ? result : result + ":" + errorCode.asString(),
                    entry.get("execution_id").isNull()
                            ? text(entry.get("target"))
                            : entry.get("execution_id").asString());
        }
        return 0;
    }

    private static String text(tools.jackson.databind.JsonNode node) {
        return node == null || node.isNull() ? "-" : node.asString();
    }

    private static void appendParam(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
