package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists the actions deployed in the key's environment. */
@Command(name = "actions", description = "Inspect deployed actions.", subcommands = ActionsCommand.List.class)
final class ActionsCommand {

    @Command(name = "list", description = "List the actions deployed in the key's environment.")
    static final class List implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Mixin
        OutputFormat output;

        @Override
        public Integer call() {
            var answer = Json.MAPPER.readTree(remote.get("/actions"));
            if (output.printedAsJson(answer)) {
                return 0;
            }
            for (var action : answer.get("actions")) {
                var hints = action.get("hints");
                System.out.printf(
                        "%-28s %-8s %-16s %s%n",
                        action.get("integration").asString() + "/"
                                + action.get("name").asString(),
                        action.get("version").asString(),
                        hints.get("read_only").asBoolean()
                                ? "read"
                                : hints.get("idempotent").asBoolean() ? "idempotent write" : "write",
                        action.get("description").asString());
            }
            return 0;
        }
    }
}
