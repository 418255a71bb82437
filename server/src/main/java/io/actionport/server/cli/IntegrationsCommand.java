package io.actionport.server.cli;

import io.actionport.server.store.Json;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Configures integrations (provider base URL and auth scheme) in the key's environment. */
@Command(
        name = "integrations",
        description = "Manage integrations.",
        subcommands = {IntegrationsCommand.Set.class, IntegrationsCommand.List.class})
final class IntegrationsCommand {

    @Command(name = "set", description = "Create or change an integration.")
    static final class Set implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Parameters(index = "0", description = "Provider config key, e.g. github.")
        String key;

        @Option(names = "--base-url", required = true, description = "The provider's API base URL.")
        String baseUrl;

        @Option(
                names = "--auth-scheme",
                defaultValue = "bearer",
                description =
                        "none, bearer, api_key_header, api_key_query, basic or oauth2 (default: ${DEFAULT-VALUE}).")
        String authScheme;

        @Option(names = "--auth-name", description = "Header or query parameter name for the api_key schemes.")
        String authName;

        @Option(names = "--token-url", description = "For oauth2: the token endpoint used to refresh tokens.")
        String tokenUrl;

        @Option(names = "--client-id", description = "For oauth2: the client id.")
        String clientId;

        @Option(names = "--client-secret", description = "For oauth2: the client secret (stored encrypted).")
        String clientSecret;

        @Option(
                names = "--authorization-url",
                description = "For oauth2: where end users authorize; turns on connect links for the integration.")
        String authorizationUrl;

        @Option(names = "--scopes", description = "For oauth2: the scopes connect links ask for, space-separated.")
        String scopes;

        @Option(names = "--revocation-url", description = "For oauth2: the endpoint that revokes a grant on delete.")
        String revocationUrl;

        @Override
        public Integer call() {
            var body = Json.MAPPER
                    .createObjectNode()
                    .put("base_url", baseUrl)
                    .put("auth_scheme", authScheme)
                    .put("auth_name", authName)
                    .put("token_url", tokenUrl)
                    .put("client_id", clientId)
                    .put("client_secret", clientSecret)
                    .put("authorization_url", authorizationUrl)
                    .put("scopes", scopes)
                    .put("revocation_url", revocationUrl);
            remote.send(
                    "PUT",
                    "/integrations/" + RemoteOptions.segment(key),
                    HttpRequest.BodyPublishers.ofString(body.toString()),
                    "application/json",
                    null);
            System.out.println("integration " + key + " set to " + baseUrl + " (" + authScheme + ")");
            return 0;
        }
    }

    @Command(name = "list", description = "List integrations.")
    static final class List implements Callable<Integer> {
        @Mixin
        RemoteOptions remote;

        @Mixin
        OutputFormat output;

        @Override
        public Integer call() {
            var answer = Json.MAPPER.readTree(remote.get("/integrations"));
            if (output.printedAsJson(answer)) {
                return 0;
            }
            for (var integration : answer.get("integrations")) {
                System.out.printf(
                        "%-16s %-40s %s%n",
                        integration.get("key").asString(),
                        integration.get("base_url").asString(),
                        integration.get("auth_scheme").asString());
            }
            return 0;
        }
    }
}
