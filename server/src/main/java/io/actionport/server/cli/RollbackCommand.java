package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Puts an earlier version of an action back live. */
@Command(
        name = "rollback",
        description = "Roll an action back to an earlier version: rollback --action NAME <env> [--to V].")
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    RemoteOptions remote;

    @Option(names = "--action", required = true, description = "The action to roll back.")
    String action;

    @Parameters(index = "0", description = "The environment.")
    String environment;

    @Option(names = "--to", description = "The bundle version to take it from (default: the one before the live one).")
    Integer to;

    @Override
    public Integer call() {
        var body = Json.MAPPER.createObjectNode().put("action", action);
        if (to != null) {
            body.put("to", to);
        }
        var answer = Json.MAPPER.readTree(remote.send(
                "POST",
                "/admin/rollback",
                HttpRequest.BodyPublishers.ofString(body.toString()),
                "application/json",
                environment));
        System.out.println("rolled " + action + " back in " + environment + ": now "
                + answer.get("bundle").asString() + " v" + answer.get("version").asInt());
        DeployCommand.printChanges(answer.path("changes"));
        return 0;
    }
}
