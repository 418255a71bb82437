package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Deploys a bundle jar, or one action of it, to an environment of a running server. */
@Command(name = "deploy", description = "Deploy a bundle jar to an environment.")
final class DeployCommand implements Callable<Integer> {

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", description = "The bundle jar.")
    Path bundle;

    @Parameters(index = "1", description = "The environment, e.g. dev; the key must be this environment's.")
    String environment;

    @Option(names = "--action", description = "Deploy only this action (name or integration/name).")
    String action;

    @Override
    public Integer call() {
        var path = "/admin/deploy"
                + (action == null ? "" : "?action=" + URLEncoder.encode(action, StandardCharsets.UTF_8));
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bundle, e);
        }
        var answer = Json.MAPPER.readTree(remote.send("POST", path, body, "application/java-archive", environment));
        System.out.println("deployed " + answer.get("bundle").asString() + " v"
                + answer.get("version").asInt() + " to " + environment + ": " + answer.get("actions"));
        return 0;
    }
}
