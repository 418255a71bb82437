package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sets, shows or removes the key's environment's completion webhook. */
@Command(
        name = "webhook",
        description = "Manage the completion webhook of async executions.",
        subcommands = {WebhookCommand.Set.class, WebhookCommand.Show.class, WebhookCommand.Remove.class})
final class WebhookCommand {

    @Command(name = "set", description = "Send signed completions of async executions to a URL.")
    static final class Set implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "The receiver's URL.")
        String url;

        @Option(names = "--secret", required = true, description = "Standard Webhooks secret: whsec_<base64 key>.")
        String secret;

        @Override
        public Integer call() {
            var body = Json.MAPPER.createObjectNode().put("url", url).put("secret", secret);
            remote.send(
                    "PUT", "/webhook", HttpRequest.BodyPublishers.ofString(body.toString()), "application/json", null);
            System.out.println("completion webhook set to " + url);
            return 0;
        }
    }

    @Command(name = "show", description = "Show where completions go (never the secret).")
    static final class Show implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Override
        public Integer call() {
            System.out.println(
                    Json.MAPPER.readTree(remote.get("/webhook")).get("url").asString());
            return 0;
        }
    }

    @Command(name = "remove", description = "Stop sending completions.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Override
        public Integer call() {
            remote.send("DELETE", "/webhook", HttpRequest.BodyPublishers.noBody(), "application/json", null);
            System.out.println("completion webhook removed");
            return 0;
        }
    }
}
