package io.actionport.server.connection;

import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.ProviderResponse;
import io.actionport.server.ActionportException;
import io.actionport.server.store.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Calls an integration's provider for one connection: resolves paths against the base URL, adds
 * the credentials, and refuses any request that would leave the integration's host.
 */
public final class ProviderHttpClient implements ProviderClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ResolvedConnection target;
    private final Consumer<ProviderCall> calls;

    /**
     * @param http the shared client; it must not follow redirects, so no redirect leaves the host
     * @param calls told of every exchange, for the execution's log
     */
    public ProviderHttpClient(HttpClient http, ResolvedConnection target, Consumer<ProviderCall> calls) {
        this.http = http;
        this.target = target;
        this.calls = calls;
    }

    /** A client suitable for providers: HTTP/1.1 and 2, no redirects, bounded connect time. */
    public static HttpClient sharedHttpClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public ProviderResponse send(ProviderRequest request) {
        var query = new LinkedHashMap<>(request.query());
        var builder = HttpRequest.newBuilder().timeout(REQUEST_TIMEOUT);
        request.headers().forEach(builder::header);
        authenticate(builder, query);
        var uri = resolve(request.path(), query);
        builder.uri(uri);
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(
                    request.method(),
                    HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(request.body())));
        }
        builder.header("Accept", "application/json");
        long started = System.nanoTime();
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            calls.accept(new ProviderCall(request.method(), request.path(), response.statusCode(), elapsed));
            return new ProviderResponse(
                    request.method(), request.path(), response.statusCode(), headers(response), response.body());
        } catch (IOException e) {
            calls.accept(new ProviderCall(
                    request.method(), request.path(), 0, Duration.ofNanos(System.nanoTime() - started)));
            throw new ProviderUnreachableException(target.integration().key(), uri.getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnreachableException(target.integration().key(), uri.getHost(), e);
        }
    }

    /** The full URL of a provider path; a path that escapes the base URL's host or prefix is refused. */
    URI resolve(String path, Map<String, String> query) {
        var base = target.integration().baseUrl();
        var basePath = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        var prefix = basePath.endsWith("/") ? basePath : basePath + "/";
        var relative = path.startsWith("/") ? path.substring(1) : path;
        URI uri;
        try {
            uri = base.resolve(prefix)
                    .resolve(new URI(null, null, relative, null))
                    .normalize();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new ForbiddenProviderTargetException(path, "it is not a valid path");
        }
        boolean sameOrigin = base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && base.getPort() == uri.getPort();
        if (!sameOrigin || !(uri.getPath() + "/").startsWith(prefix)) {
            throw new ForbiddenProviderTargetException(path, "it leaves " + base);
        }
        if (query.isEmpty()) {
            return uri;
        }
        var encoded = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(uri + "?" + encoded);
    }

    private void authenticate(HttpRequest.Builder builder, Map<String, String> query) {
        var integration = target.integration();
        var connection = target.connection();
        switch (integration.authScheme()) {
            case NONE -> {}
            case BEARER -> builder.header("Authorization", "Bearer " + connection.credential("token"));
            case API_KEY_HEADER -> builder.header(integration.authName(), connection.credential("api_key"));
            case API_KEY_QUERY -> query.put(integration.authName(), connection.credential("api_key"));
            case BASIC -> {
                var pair = connection.credential("username") + ":" + connection.credential("password");
                builder.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static Map<String, java.util.List<String>> headers(HttpResponse<?> response) {
        var headers = new TreeMap<String, java.util.List<String>>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return headers;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The provider could not be reached or did not answer in time. */
    public static final class ProviderUnreachableException extends ActionportException {
        public ProviderUnreachableException(String integration, String host, Exception cause) {
            super(
                    "provider_unreachable",
                    "provider of " + integration + " at " + host + " did not answer: "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " " + cause.getMessage()),
                    cause);
        }
    }

    /** An action asked for a URL outside its integration's host. */
    public static final class ForbiddenProviderTargetException extends ActionportException {
        public ForbiddenProviderTargetException(String path, String why) {
            super("forbidden_provider_target", "refused provider path '" + path + "': " + why);
        }
    }
}
