package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * Deploys the project's bundle (or a given jar), all of it, one action or one integration's, to an
 * environment of a running server, and prints what changed.
 */
@Command(name = "deploy", description = "Deploy a bundle to an environment: deploy [bundle.jar] <env>.")
final class DeployCommand implements Callable<Integer> {

    @Mixin
    RemoteOptions remote;

    @Parameters(
            arity = "1..2",
            description = "[bundle.jar or classes dir] <env>; without a bundle, the project's in target/.")
    List<String> arguments;

    @Option(names = "--action", description = "Deploy only this action (name or integration/name).")
    String action;

    @Option(names = "--integration", description = "Deploy only this integration's actions.")
    String integration;

    @Option(names = "--allow-breaking", description = "Deploy even when an input schema change breaks current callers.")
    boolean allowBreaking;

    @Override
    public Integer call() {
        var bundle = arguments.size() == 2 ? Path.of(arguments.get(0)) : null;
        var environment = arguments.getLast();
        var query = new ArrayList<String>();
        if (action != null) {
            query.add("action=" + URLEncoder.encode(action, StandardCharsets.UTF_8));
        }
        if (integration != null) {
            query.add("integration=" + URLEncoder.encode(integration, StandardCharsets.UTF_8));
        }
        if (allowBreaking) {
            query.add("allow_breaking=true");
        }
        var path = "/admin/deploy" + (query.isEmpty() ? "" : "?" + String.join("&", query));
        var answer = Json.MAPPER.readTree(remote.send(
                "POST",
                path,
                HttpRequest.BodyPublishers.ofByteArray(BundleFiles.read(bundle)),
                "application/java-archive",
                environment));
        printDeployed(answer, environment, new PrintWriter(System.out, true));
        return 0;
    }

    /** What a deploy answered: the bundle's new version and its actions, then the change plan. */
    static void printDeployed(JsonNode answer, String environment, PrintWriter out) {
        out.println("deployed " + answer.get("bundle").asString() + " v"
                + answer.get("version").asInt() + " to " + environment + ": " + answer.get("actions"));
        printChanges(answer.path("changes"), out);
    }

    static void printChanges(JsonNode changes) {
        printChanges(changes, new PrintWriter(System.out, true));
    }

    private static void printChanges(JsonNode changes, PrintWriter out) {
        print("added", changes.path("added"), out);
        print("removed", changes.path("removed"), out);
        print("changed schemas", changes.path("changed"), out);
        changes.path("breaking")
                .properties()
                .forEach(entry -> out.println("  breaking: " + entry.getKey() + " " + entry.getValue()));
    }

    private static void print(String what, JsonNode names, PrintWriter out) {
        if (!names.isEmpty()) {
            out.println("  " + what + ": " + names);
        }
    }
}
