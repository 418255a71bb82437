package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Takes every action of a bundle out of an environment; its stored versions stay for a later deploy. */
@Command(name = "undeploy", description = "Take a bundle's actions out of an environment: undeploy <bundle> <env>.")
final class UndeployCommand implements Callable<Integer> {

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", description = "The bundle's name, as deploy printed it.")
    String bundle;

    @Parameters(index = "1", description = "The environment.")
    String environment;

    @Override
    public Integer call() {
        var answer = Json.MAPPER.readTree(remote.send(
                "DELETE",
                "/admin/bundles/" + RemoteOptions.segment(bundle),
                HttpRequest.BodyPublishers.noBody(),
                "application/json",
                environment));
        System.out.println("undeployed " + answer.path("undeployed").asString() + " from " + environment);
        return 0;
    }
}
