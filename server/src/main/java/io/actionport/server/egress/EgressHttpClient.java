package io.actionport.server.egress;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.Exceptions;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The one HTTP client for requests that leave the server: provider calls, OAuth2 token requests,
 * webhook deliveries and the requests proxy. Every connection goes through the {@link EgressPolicy}
 * on its resolved address, and no redirect is ever followed. Blocking: call {@link #send} from a
 * virtual thread, never an event loop.
 */
public final class EgressHttpClient implements AutoCloseable {

    /** One exchange to send: headers by name, a body or null. */
    public record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body, Duration timeout) {}

    /** What came back: header names in lower case. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {}

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final EgressPolicy policy;
    private final ConnectionProvider connections;
    private final HttpClient client;

    private EgressHttpClient(EgressPolicy policy, ConnectionProvider connections) {
        this.policy = policy;
        this.connections = connections;
        this.client = HttpClient.create(connections)
                .resolver(new EgressAddressResolverGroup(policy))
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
    }

    /** A client whose connections the policy vets; many may wait on slow providers at once, as with a plain JDK client. */
    public static EgressHttpClient create(EgressPolicy policy) {
        return new EgressHttpClient(
                policy,
                ConnectionProvider.builder("egress")
                        .maxConnections(16_384)
                        .pendingAcquireMaxCount(-1)
                        .maxIdleTime(Duration.ofSeconds(30))
                        .build());
    }

    /**
     * Checks a URL about to be requested as it would be checked when configured: URLs stored
     * before the policy existed, or set by the operator, meet the same rules.
     *
     * @throws EgressRefusedException when the policy refuses it
     */
    public void vet(URI uri) {
        // The origin only: a query may carry credentials, user info a password; neither may show in a refusal.
        var authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        var origin = uri.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1) + "/";
        if (authority.contains("@")) {
            throw new EgressRefusedException("request to '" + origin + "'", "its URL carries user info", null);
        }
        policy.checkUrl("request to", origin);
    }

    /** The underlying non-blocking client, for callers that stream (the requests proxy). */
    public HttpClient reactor() {
        return client;
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @throws HttpTimeoutException when no answer came within the request's timeout
     * @throws IOException when the receiver could not be reached
     * @throws EgressRefusedException when the policy refused every address of the host
     */
    public Response send(Request request) throws IOException, InterruptedException {
        vet(request.uri());
        var sender = client.responseTimeout(request.timeout())
                .headers(h -> {
                    request.headers().forEach(h::add);
                    if (request.body() != null) {
                        // The whole body is known: sent with its length, not chunked, which some token endpoints
                        // refuse.
                        h.set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, request.body().length);
                    }
                })
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(
                        request.method().toUpperCase(Locale.ROOT)))
                .uri(request.uri());
        var receiver = request.body() == null
                ? sender
                : sender.send(ByteBufFlux.fromInbound(reactor.core.publisher.Mono.just(request.body())));
        try {
            return receiver.responseSingle((response, body) -> body.asByteArray()
                            .defaultIfEmpty(new byte[0])
                            .map(bytes -> {
                                var headers = new TreeMap<String, List<String>>();
                                response.responseHeaders()
                                        .names()
                                        .forEach(name -> headers.put(
                                                name.toLowerCase(Locale.ROOT),
                                                response.responseHeaders().getAll(name)));
                                return new Response(response.status().code(), headers, bytes);
                            }))
                    .block(request.timeout().plus(CONNECT_TIMEOUT));
        } catch (RuntimeException e) {
            throw unwrapped(e);
        }
    }

    private static IOException unwrapped(RuntimeException e) throws InterruptedException {
        var cause = Exceptions.unwrap(e);
        if (cause instanceof InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw interrupted;
        }
        var refused = EgressRefusedException.among(cause);
        if (refused.isPresent()) {
            throw refused.get();
        }
        if (cause instanceof ReadTimeoutException || cause instanceof IllegalStateException) {
            // block(...) ends with an IllegalStateException when its own deadline passes.
            var timeout = new HttpTimeoutException("request timed out");
            timeout.initCause(cause);
            return timeout;
        }
        return cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
    }
}
