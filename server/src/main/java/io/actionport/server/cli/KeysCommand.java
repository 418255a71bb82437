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
import tools.jackson.databind.JsonNode;

/** Creates, lists, rotates and revokes the keys of the admin key's environment. */
@Command(
        name = "keys",
        description = "Manage the keys of an environment (needs an admin key).",
        subcommands = {
            KeysCommand.Create.class,
            KeysCommand.List.class,
            KeysCommand.Rotate.class,
            KeysCommand.Revoke.class
        })
final class KeysCommand {

    @Command(name = "create", description = "Create a key; its secret is printed once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Option(
                names = "--role",
                defaultValue = "caller",
                description = "caller (MCP, trigger, its own executions) or admin (deploy, connections, keys...);"
                        + " default: ${DEFAULT-VALUE}.")
        String role;

        @Option(names = "--name", description = "A label, e.g. who holds the key.")
        String name;

        @Option(names = "--integration", description = "Limit a caller key to this integration (repeatable).")
        java.util.List<String> integrations = java.util.List.of();

        @Option(names = "--expires-in", description = "How long the key works, e.g. 90d; default: until revoked.")
        String expiresIn;

        @Override
        public Integer call() {
            var body = Json.MAPPER.createObjectNode().put("role", role);
            if (name != null) {
                body.put("name", name);
            }
            if (!integrations.isEmpty()) {
                var list = body.putArray("integrations");
                integrations.forEach(list::add);
            }
            if (expiresIn != null) {
                body.put("expires_in", expiresIn);
            }
            var created = Json.MAPPER.readTree(remote.send(
                    "POST", "/keys", HttpRequest.BodyPublishers.ofString(body.toString()), "application/json", null));
            printSecret(created);
            return 0;
        }
    }

    @Command(name = "list", description = "List keys: id, role, state, dates (never a secret).")
    static final class List implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Mixin
        OutputFormat output;

        @Override
        public Integer call() {
            var answer = Json.MAPPER.readTree(remote.get("/keys"));
            if (output.printedAsJson(answer)) {
                return 0;
            }
            System.out.printf(
                    "%-18s %-14s %-7s %-8s %-24s %-24s %s%n",
                    "ID", "PREFIX", "ROLE", "STATUS", "EXPIRES", "LAST USED", "NAME");
            for (var key : answer.get("keys")) {
                System.out.printf(
                        "%-18s %-14s %-7s %-8s %-24s %-24s %s%s%n",
                        key.get("id").asString(),
                        text(key, "prefix"),
                        key.get("role").asString(),
                        key.get("status").asString(),
                        text(key, "expires_at"),
                        text(key, "last_used_at"),
                        text(key, "name"),
                        key.get("integrations").isEmpty() ? "" : " (integrations: " + key.get("integrations") + ")");
            }
            return 0;
        }
    }

    @Command(
            name = "rotate",
            description = "Replace a key with a new one of the same role; the old one keeps working for the overlap.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "The key's id (from 'keys list').")
        String id;

        @Option(
                names = "--overlap",
                defaultValue = "24h",
                description = "How long the old key keeps working, e.g. 1h; 0 ends it now (default: ${DEFAULT-VALUE}).")
        String overlap;

        @Override
        public Integer call() {
            var rotated = Json.MAPPER.readTree(remote.send(
                    "POST",
                    "/keys/" + id + "/rotate?overlap=" + URLEncoder.encode(overlap, StandardCharsets.UTF_8),
                    HttpRequest.BodyPublishers.noBody(),
                    "application/json",
                    null));
            printSecret(rotated);
            System.out.println("the old key " + id + " works until the overlap ends (" + overlap + ")");
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key; every node refuses it within a second.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "The key's id (from 'keys list').")
        String id;

        @Override
        public Integer call() {
            remote.send("DELETE", "/keys/" + id, HttpRequest.BodyPublishers.noBody(), "application/json", null);
            System.out.println("revoked key " + id);
            return 0;
        }
    }

    /** Prints a new key's secret, the one time it can be. */
    static void printSecret(JsonNode key) {
        System.out.println(key.get("role").asString() + " key " + key.get("id").asString() + " of environment "
                + key.get("environment").asString() + ":");
        System.out.println("  " + key.get("secret").asString());
        System.out.println("Store this secret now: the server keeps only its hash and cannot show it again.");
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? "-" : value.asString();
    }
}
