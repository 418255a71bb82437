package io.actionport.server.http;

import io.actionport.server.ActionportException;
import io.actionport.server.Blocking;
import io.actionport.server.Identifiers;
import io.actionport.server.auth.EndUsers;
import io.actionport.server.auth.KeyRoles;
import io.actionport.server.auth.Principal;
import io.actionport.server.connection.ConnectionResolver;
import io.actionport.server.connection.Credentials;
import io.actionport.server.connection.ProviderHttpClient.ProviderUnreachableException;
import io.actionport.server.connection.ProviderUrls;
import io.actionport.server.connection.ResolvedConnection;
import io.actionport.server.egress.EgressHttpClient;
import io.actionport.server.egress.EgressRefusedException;
import io.actionport.server.store.AuthScheme;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code ANY /proxy/{path}}: forwards a request to the provider of the {@code Provider-Config-Key}
 * integration with the {@code Connection-Id} connection's credentials, streaming both bodies
 * without a size cap. The target is always below the integration's base URL and an address the
 * egress policy allows; redirects are never followed, and passed on only when they stay below it.
 * No secret of the connection leaves in any response header.
 */
public final class RequestsProxy {

    static final String PREFIX = "/proxy/";

    /** The label of every proxied request in the HTTP meters, whatever provider path follows. */
    public static final String URI_TEMPLATE = PREFIX + "**";

    private static final Logger log = LoggerFactory.getLogger(RequestsProxy.class);

    /** Hop-by-hop headers (RFC 9110, section 7.6.1), and what only concerns the caller and us. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "authorization",
            "cookie",
            "expect",
            "connection-id",
            "provider-config-key",
            HttpApi.ENVIRONMENT_HEADER.toLowerCase(Locale.ROOT));

    private static final Set<String> NOT_RETURNED = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "set-cookie",
            "set-cookie2");

    private final ConnectionResolver connections;
    private final EgressHttpClient egress;
    private final HttpClient client;

    /** @param egress the client whose connections the egress policy vets; it follows no redirect */
    public RequestsProxy(ConnectionResolver connections, EgressHttpClient egress) {
        this.connections = connections;
        this.egress = egress;
        this.client = egress.reactor().responseTimeout(Duration.ofMinutes(1));
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.route(request -> request.uri().startsWith(PREFIX), api.caller(this::forward));
    }

    /** One forwarded call: where it goes and with what credentials. */
    private record Call(ResolvedConnection target, URI uri, Credentials credentials) {}

    private enum Outcome {
        DONE,
        REFRESH_AND_RETRY
    }

    private Mono<Void> forward(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var integration = HttpApi.header(request, "Provider-Config-Key");
        if (integration == null) {
            return Mono.error(new ApiErrors.BadRequestException(
                    "missing_header", "name the integration to proxy to with the Provider-Config-Key header"));
        }
        Identifiers.requireHeader(Identifiers.Kind.INTEGRATION_KEY, "Provider-Config-Key", integration);
        KeyRoles.requireIntegration(principal, integration);
        var connectionId = Identifiers.optionalHeader(
                Identifiers.Kind.CONNECTION_ID, "Connection-Id", HttpApi.header(request, "Connection-Id"));
        var endUser = EndUsers.of(principal, EndUsers.header(request.requestHeaders()));
        var pathAndQuery = request.uri().substring(PREFIX.length() - 1);
        int question = pathAndQuery.indexOf('?');
        var rawPath = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        var rawQuery = question < 0 ? null : pathAndQuery.substring(question + 1);
        return Blocking.call(() -> {
                    var target = connections.resolve(environment, integration, connectionId, endUser);
                    var call = call(target, rawPath, rawQuery, target.currentCredentials());
                    egress.vet(call.uri());
                    return call;
                })
                .flatMap(call -> send(call, request, response, true)
                        .flatMap(outcome -> outcome == Outcome.DONE
                                ? Mono.<Void>empty()
                                : Blocking.call(() -> call(call.target(), rawPath, rawQuery, refreshed(call)))
                                        .flatMap(again -> send(again, request, response, false))
                                        .then()));
    }

    private static Call call(ResolvedConnection target, String rawPath, String rawQuery, Credentials credentials) {
        var auth = ProviderUrls.encodeQuery(credentials.query());
        var query = auth == null ? rawQuery : rawQuery == null || rawQuery.isEmpty() ? auth : rawQuery + "&" + auth;
        return new Call(target, ProviderUrls.resolve(target.integration().baseUrl(), rawPath, query), credentials);
    }

    private Mono<Outcome> send(Call call, HttpServerRequest request, HttpServerResponse response, boolean mayRetry) {
        boolean hasBody = hasBody(request.requestHeaders());
        var headers = forwarded(request.requestHeaders(), call.credentials());
        var sender = client.headers(h -> h.set(headers))
                .request(request.method())
                .uri(call.uri().toString());
        var receiver = hasBody
                ? sender.send(
                        (upstream, outbound) -> outbound.send(request.receive().retain()))
                : sender;
        boolean oauth2 = call.target().integration().authScheme() == AuthScheme.OAUTH2;
        return receiver.response((upstream, body) -> {
                    if (upstream.status().code() == 401 && oauth2 && mayRetry) {
                        if (!hasBody) {
                            return body.then(Mono.just(Outcome.REFRESH_AND_RETRY));
                        }
                        // A streamed body cannot be sent twice: pass the 401 on, refresh for the next call.
                        Blocking.call(() -> refreshed(call))
                                .subscribe(
                                        fresh -> {},
                                        failure -> log.warn(
                                                "refreshing after a 401 to the proxy failed: {}",
                                                failure.getMessage()));
                    }
                    var returned = returned(upstream.responseHeaders(), call);
                    return response.status(upstream.status())
                            .headers(returned)
                            .send(body.retain())
                            .then()
                            .thenReturn(Outcome.DONE);
                })
                .next()
                .onErrorMap(
                        failure -> EgressRefusedException.among(failure).isPresent(),
                        failure -> EgressRefusedException.among(failure).orElseThrow())
                .onErrorMap(
                        failure -> !(failure instanceof ActionportException),
                        failure -> new ProviderUnreachableException(
                                call.target().integration().key(),
                                call.uri().getHost(),
                                failure instanceof Exception e ? e : new IllegalStateException(failure)));
    }

    private static Credentials refreshed(Call call) {
        return call.target().credentialsAfterUnauthorized(call.credentials()).orElse(call.credentials());
    }

    private static boolean hasBody(HttpHeaders headers) {
        var length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        return (length != null && !length.trim().equals("0"))
                || headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
    }

    private static HttpHeaders forwarded(HttpHeaders incoming, Credentials credentials) {
        var named = connectionTokens(incoming);
        var headers = new DefaultHttpHeaders();
        incoming.forEach(header -> {
            var name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !named.contains(name)) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        credentials.headers().forEach(headers::set);
        return headers;
    }

    /**
     * The provider's headers minus hop-by-hop ones and cookies, with the connection's secrets
     * replaced in every other; a redirect must stay below the base URL.
     */
    private static HttpHeaders returned(HttpHeaders upstream, Call call) {
        var named = connectionTokens(upstream);
        var headers = new DefaultHttpHeaders();
        upstream.forEach(header -> {
            var name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_RETURNED.contains(name) && !named.contains(name)) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        var location = upstream.get(HttpHeaderNames.LOCATION);
        if (location != null) {
            headers.set(HttpHeaderNames.LOCATION, proxied(location, call));
        }
        return SecretHeaderScrubber.of(call.target(), call.credentials()).scrub(headers);
    }

    /** A provider redirect as a proxy path, or a refusal when it leaves the integration's base URL. */
    private static String proxied(String location, Call call) {
        var base = call.target().integration().baseUrl();
        URI resolved;
        try {
            resolved = call.uri().resolve(new URI(location.trim()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new RedirectRefusedException(location, base);
        }
        var below = ProviderUrls.below(base, resolved).orElseThrow(() -> new RedirectRefusedException(location, base));
        var query = resolved.getRawQuery() == null
                ? ""
                : Arrays.stream(resolved.getRawQuery().split("&"))
                        .filter(pair -> call.credentials().query().keySet().stream()
                                .noneMatch(name -> pair.startsWith(ProviderUrls.encodeQuery(Map.of(name, "")))))
                        .collect(Collectors.joining("&"));
        return PREFIX + below + (query.isEmpty() ? "" : "?" + query);
    }

    private static Set<String> connectionTokens(HttpHeaders headers) {
        return headers.getAll(HttpHeaderNames.CONNECTION).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** The provider redirected outside the integration's base URL; the proxy neither follows nor passes that on. */
    static final class RedirectRefusedException extends ActionportException {
        RedirectRefusedException(String location, URI base) {
            super(
                    "provider_redirect_refused",
                    "the provider redirected to " + location + ", outside the integration's base URL " + base
                            + "; the proxy does not follow redirects, nor pass on ones that leave the integration");
        }
    }
}
