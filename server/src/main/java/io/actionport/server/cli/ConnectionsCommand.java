package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates, lists, rotates and deletes connections in the key's environment, and makes connect links for end users. */
@Command(
        name = "connections",
        description = "Manage connections.",
        subcommands = {
            ConnectionsCommand.Create.class,
            ConnectionsCommand.List.class,
            ConnectionsCommand.Rotate.class,
            ConnectionsCommand.Delete.class,
            ConnectionsCommand.Link.class
        })
final class ConnectionsCommand {

    @Command(name = "create", description = "Create a connection with its credentials.")
    static final class Create implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "Connection id.")
        String connectionId;

        @Option(names = "--integration", required = true, description = "Provider config key.")
        String integration;

        @Option(names = "--credential", description = "A credential, name=value (repeatable), e.g. token=...")
        Map<String, String> credentials = Map.of();

        @Option(names = "--metadata", description = "A non-secret setting, name=value (repeatable).")
        Map<String, String> metadata = Map.of();

        @Override
        public Integer call() {
            var body = Json.MAPPER
                    .createObjectNode()
                    .put("integration", integration)
                    .put("connection_id", connectionId);
            body.set("credentials", Json.MAPPER.valueToTree(credentials));
            body.set("metadata", Json.MAPPER.valueToTree(metadata));
            remote.send(
                    "POST",
                    "/connections",
                    HttpRequest.BodyPublishers.ofString(body.toString()),
                    "application/json",
                    null);
            System.out.println("created connection " + connectionId + " of " + integration);
            return 0;
        }
    }

    @Command(name = "list", description = "List connections (never their credentials).")
    static final class List implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Mixin
        OutputFormat output;

        @Override
        public Integer call() {
            var answer = Json.MAPPER.readTree(remote.get("/connections"));
            if (output.printedAsJson(answer)) {
                return 0;
            }
            for (var connection : answer.get("connections")) {
                var owner = connection.path("end_user_id");
                System.out.printf(
                        "%-16s %-32s %-24s credentials: %s%n",
                        connection.get("integration").asString(),
                        connection.get("connection_id").asString(),
                        owner.isString() ? "end user " + owner.asString() : "shared",
                        connection.get("credential_names"));
            }
            return 0;
        }
    }

    @Command(name = "rotate", description = "Replace a connection's credentials, e.g. a new API key.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "Connection id.")
        String connectionId;

        @Option(names = "--integration", required = true, description = "Provider config key.")
        String integration;

        @Option(
                names = "--credential",
                required = true,
                description = "A credential, name=value (repeatable); all of them, as they replace the old ones.")
        Map<String, String> credentials;

        @Override
        public Integer call() {
            var body = Json.MAPPER.createObjectNode();
            body.set("credentials", Json.MAPPER.valueToTree(credentials));
            remote.send(
                    "PUT",
                    "/connections/" + RemoteOptions.segment(integration) + "/" + RemoteOptions.segment(connectionId),
                    HttpRequest.BodyPublishers.ofString(body.toString()),
                    "application/json",
                    null);
            System.out.println("rotated the credentials of connection " + connectionId + " of " + integration);
            return 0;
        }
    }

    @Command(
            name = "delete",
            description = "Delete a connection; an oauth2 integration with a revocation URL revokes its grant first.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "Connection id.")
        String connectionId;

        @Option(names = "--integration", required = true, description = "Provider config key.")
        String integration;

        @Option(names = "--no-revoke", description = "Delete without revoking at the provider (e.g. it is down).")
        boolean noRevoke;

        @Override
        public Integer call() {
            remote.send(
                    "DELETE",
                    "/connections/" + RemoteOptions.segment(integration) + "/" + RemoteOptions.segment(connectionId)
                            + (noRevoke ? "?revoke=false" : ""),
                    HttpRequest.BodyPublishers.noBody(),
                    "application/json",
                    null);
            System.out.println("deleted connection " + connectionId + " of " + integration);
            return 0;
        }
    }

    @Command(
            name = "link",
            description = "Make a connect link: the end user opens it to authorize the provider, and the tokens"
                    + " become a connection that user owns. The link works for 15 minutes.")
    static final class Link implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Mixin
        OutputFormat output;

        @Option(names = "--integration", required = true, description = "Provider config key of an oauth2 integration.")
        String integration;

        @Option(
                names = "--end-user",
                required = true,
                description = "Your id of the end user, as you pass it in End-User-Id (or their OAuth subject).")
        String endUser;

        @Override
        public Integer call() {
            var body = Json.MAPPER
                    .createObjectNode()
                    .put("integration", integration)
                    .put("end_user_id", endUser);
            var answer = Json.MAPPER.readTree(remote.send(
                    "POST",
                    "/connect/sessions",
                    HttpRequest.BodyPublishers.ofString(body.toString()),
                    "application/json",
                    null));
            if (output.printedAsJson(answer)) {
                return 0;
            }
            System.out.println(answer.get("url").asString());
            System.err.println("send this link to " + endUser + "; it works until "
                    + answer.get("expires_at").asString());
            return 0;
        }
    }
}
