package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates, lists and deletes environments (needs an admin key). */
@Command(
        name = "environments",
        description = "Manage environments (needs an admin key).",
        subcommands = {
            EnvironmentsCommand.Create.class,
            EnvironmentsCommand.List.class,
            EnvironmentsCommand.Delete.class
        })
final class EnvironmentsCommand {

    @Command(name = "create", description = "Create an environment; its first admin and caller keys are printed once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "The new environment's name, e.g. staging.")
        String name;

        @Override
        public Integer call() {
            var body = Json.MAPPER.createObjectNode().put("name", name);
            var created = Json.MAPPER.readTree(remote.send(
                    "POST",
                    "/environments",
                    HttpRequest.BodyPublishers.ofString(body.toString()),
                    "application/json",
                    null));
            System.out.println("created environment " + name);
            KeysCommand.printSecret(created.get("admin_key"));
            KeysCommand.printSecret(created.get("caller_key"));
            return 0;
        }
    }

    @Command(name = "list", description = "List the key's environment and the environments it created.")
    static final class List implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Mixin
        OutputFormat output;

        @Override
        public Integer call() {
            var answer = Json.MAPPER.readTree(remote.get("/environments"));
            if (output.printedAsJson(answer)) {
                return 0;
            }
            for (var environment : answer.get("environments")) {
                var createdBy = environment.get("created_by");
                System.out.printf(
                        "%-32s created %s%s%n",
                        environment.get("name").asString(),
                        environment.get("created_at").asString(),
                        createdBy == null || createdBy.isNull() ? "" : " by " + createdBy.asString());
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete an environment this key's environment created.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "The environment's name.")
        String name;

        @Option(names = "--force", description = "Delete it even with deployments, connections or executions.")
        boolean force;

        @Override
        public Integer call() {
            remote.send(
                    "DELETE",
                    "/environments/" + name + (force ? "?force=true" : ""),
                    HttpRequest.BodyPublishers.noBody(),
                    "application/json",
                    null);
            System.out.println("deleted environment " + name);
            return 0;
        }
    }
}
