package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

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

        @Mixin
        OutputFormat output;

        @Override
        public Integer call() {
            JsonNode answer;
            try {
                answer = Json.MAPPER.readTree(remote.get("/webhook"));
            } catch (CommandFailure e) {
                if (!"no_webhook".equals(e.code())) {
                    throw e;
                }
                // Having none is an answer, not a failure.
                answer = Json.MAPPER.createObjectNode().putNull("url");
            }
            if (output.printedAsJson(answer)) {
                return 0;
            }
            System.out.println(
                    answer.get("url").isNull()
                            ? "no completion webhook is set; set one with 'actionport webhook set <url> --secret whsec_...'"
                            : answer.get("url").asString());
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
