package io.actionport.server.connection;

import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.ProviderRequest;
import io.actionport.sdk.ProviderResponse;
import io.actionport.server.ActionportException;
import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.store.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Calls an integration's provider for one connection: resolves paths against the base URL, adds
 * the credentials, and refuses any request that would leave the integration's host. Idempotent
 * requests are retried on a 429 or 5xx; a 401 to an OAuth2 connection refreshes its tokens and
 * sends the request once more.
 */
public final class ProviderHttpClient implements ProviderClient {

    /** Attempts of one idempotent request in all, the first included. */
    static final int MAX_ATTEMPTS = 3;
    /** The longest wait between attempts; a longer {@code Retry-After} ends the retries. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final EgressHttpClient http;
    private final ResolvedConnection target;
    private final Consumer<ProviderCall> calls;

    /**
     * @param http the shared client; it follows no redirect, so none leaves the host
     * @param calls told of every exchange, for the execution's log
     */
    public ProviderHttpClient(EgressHttpClient http, ResolvedConnection target, Consumer<ProviderCall> calls) {
        this.http = http;
        this.target = target;
        this.calls = calls;
    }

    @Override
    public Optional<URI> baseUrl() {
        return Optional.of(target.integration().baseUrl());
    }

    @Override
    public ProviderResponse send(ProviderRequest request) {
        var body = request.body() == null ? null : Json.MAPPER.writeValueAsBytes(request.body());
        var credentials = target.currentCredentials();
        boolean refreshed = false;
        int attempt = 1;
        while (true) {
            ProviderResponse response;
            try {
                response = exchange(request, body, credentials);
            } catch (ProviderUnreachableException e) {
                if (!request.idempotent() || attempt >= MAX_ATTEMPTS || e.getCause() instanceof HttpTimeoutException) {
                    throw e;
                }
                pause(backoff(attempt++));
                continue;
            }
            if (response.status() == 401 && !refreshed) {
                var fresh = target.credentialsAfterUnauthorized(credentials);
                if (fresh.isPresent()) {
                    credentials = fresh.get();
                    refreshed = true;
                    continue;
                }
            }
            if (!request.idempotent() || attempt >= MAX_ATTEMPTS || !isTransient(response.status())) {
                return response;
            }
            var wait = response.retryAfter().orElse(backoff(attempt));
            if (wait.compareTo(MAX_WAIT) > 0) {
                return response;
            }
            pause(wait);
            attempt++;
        }
    }

    private ProviderResponse exchange(ProviderRequest request, byte[] body, Credentials credentials) {
        var query = new LinkedHashMap<>(request.query());
        query.putAll(credentials.query());
        var uri = ProviderUrls.resolve(
                target.integration().baseUrl(),
                ProviderUrls.encodePath(request.path()),
                ProviderUrls.encodeQuery(query));
        var headers = new LinkedHashMap<String, List<String>>();
        request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        credentials.headers().forEach((name, value) -> {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, List.of(value));
        });
        if (body != null) {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase("Content-Type"));
            headers.put("Content-Type", List.of("application/json"));
        }
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Accept"))) {
            headers.put("Accept", List.of("application/json"));
        }
        long started = System.nanoTime();
        try {
            var response =
                    http.send(new EgressHttpClient.Request(request.method(), uri, headers, body, request.timeout()));
            calls.accept(new ProviderCall(request.method(), request.path(), response.status(), since(started)));
            return new ProviderResponse(
                    request.method(), request.path(), response.status(), response.headers(), response.body());
        } catch (IOException e) {
            calls.accept(new ProviderCall(request.method(), request.path(), 0, since(started)));
            throw new ProviderUnreachableException(target.integration().key(), uri.getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnreachableException(target.integration().key(), uri.getHost(), e);
        }
    }

    private static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    /** Exponential from 200 ms, with jitter so that many callers do not retry in step. */
    private static Duration backoff(int attempt) {
        long millis = FIRST_BACKOFF.toMillis() << (attempt - 1);
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnreachableException(
                    target.integration().key(), target.integration().baseUrl().getHost(), e);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The provider could not be reached, did not answer in time, or would not renew the connection's tokens. */
    public static class ProviderUnreachableException extends ActionportException {
        public ProviderUnreachableException(String integration, String host, Exception cause) {
            super(
                    "provider_unreachable",
                    "provider of " + integration + " at " + host + " did not answer: "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " " + cause.getMessage()),
                    cause);
        }

        protected ProviderUnreachableException(String code, String message) {
            super(code, message);
        }
    }

    /** A request asked for a URL outside its integration's host or base path. */
    public static final class ForbiddenProviderTargetException extends ActionportException {
        public ForbiddenProviderTargetException(String path, String why) {
            super("forbidden_provider_target", "refused provider path '" + path + "': " + why);
        }
    }
}
