package io.actionport.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The server's admin API, as an operator sets up integrations, connections and bundles with it. */
final class Admin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI server;
    private final String key;
    private final HttpClient http = HttpClient.newHttpClient();

    Admin(URI server, String key) {
        this.server = server;
        this.key = key;
    }

    /** {@code PUT /integrations/{key}}: where the provider is and how it takes credentials. */
    void integration(String integration, String baseUrl, String authScheme) {
        send(
                "PUT",
                "/integrations/" + integration,
                JSON.writeValueAsBytes(Map.of("base_url", baseUrl, "auth_scheme", authScheme)));
    }

    /** {@code POST /connections}: a connection and its credentials, which never come back out. */
    void connection(String integration, String connectionId, Map<String, String> credentials) {
        send(
                "POST",
                "/connections",
                JSON.writeValueAsBytes(
                        Map.of("integration", integration, "connection_id", connectionId, "credentials", credentials)));
    }

    /**
     * {@code POST /admin/deploy?integration=KEY}: one integration's actions of the provider catalog
     * bundle, as Maven copied it into the test classes. One integration at a time, since the bundle's
     * GitHub and Linear actions share names and the server refuses that in a whole-bundle deploy.
     */
    void deployProviderCatalog(String integration) {
        try (var jar = Admin.class.getResourceAsStream("/bundles/provider-catalog.jar")) {
            if (jar == null) {
                throw new IllegalStateException("bundles/provider-catalog.jar is missing: build with ./mvnw verify");
            }
            send("POST", "/admin/deploy?integration=" + integration, jar.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(String method, String path, byte[] body) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(server.resolve(path))
                            .header("Authorization", "Bearer " + key)
                            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
