package io.actionport.server.cli;

import io.actionport.server.http.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How management commands reach a running server: its URL and an environment key. */
final class RemoteOptions {

    @Option(
            names = "--url",
            defaultValue = "${env:ACTIONPORT_URL:-http://127.0.0.1:8787}",
            description = "Server URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(
            names = "--key",
            defaultValue = "${env:ACTIONPORT_KEY}",
            description =
                    "An environment key (or ACTIONPORT_KEY): an admin key to deploy and manage, a caller key to call.")
    String key;

    /** Made on first use: picocli builds every command's options at start, and a client costs a TLS setup. */
    private HttpClient http;

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return http;
    }

    /** Sends a request and returns the body; a non-2xx answer becomes an error with the server's message. */
    String send(String method, String path, HttpRequest.BodyPublisher body, String contentType, String environment) {
        if (key == null || key.isBlank()) {
            throw new CommandFailure(
                    "missing_key",
                    "pass an environment key with --key or ACTIONPORT_KEY (an admin key for deploy and management)");
        }
        var request = HttpRequest.newBuilder(target(path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .method(method, body);
        if (environment != null) {
            request.header(HttpApi.ENVIRONMENT_HEADER, environment);
        }
        try {
            var response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw ServerAnswers.refusal(response.statusCode(), response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw ServerAnswers.unreachable(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", "interrupted while waiting for " + url);
        }
    }

    private URI target(String path) {
        try {
            var target = new URI(url + path);
            if (target.getHost() == null || !target.getScheme().startsWith("http")) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
            return target;
        } catch (URISyntaxException e) {
            throw new CommandFailure(
                    "invalid_url", "--url must be the server's URL such as http://127.0.0.1:8787, was '" + url + "'");
        }
    }

    /** A name as one path segment: a connection id such as {@code user@example.com} reaches the server intact. */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), "application/json", null);
    }
}
