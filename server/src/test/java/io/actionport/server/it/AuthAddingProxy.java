package io.actionport.server.it;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * A loopback HTTP proxy in front of one server that adds headers to every request, for clients that
 * cannot send them (the MCP conformance suite sends no {@code Authorization}). Method, path, body
 * and every other header pass through unchanged, {@code Host} and {@code Origin} included, so the
 * server judges DNS rebinding on what the client sent; responses stream back as they arrive (an SSE
 * event reaches the client when the server sends it, not when the response ends).
 */
final class AuthAddingProxy implements AutoCloseable {

    /** Headers of one connection, not of the message (RFC 9110 §7.6.1): never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    private final DisposableServer server;

    private AuthAddingProxy(DisposableServer server) {
        this.server = server;
    }

    /** Starts a proxy on a free port of 127.0.0.1 that forwards to {@code target}, adding {@code added}. */
    static AuthAddingProxy start(URI target, Map<String, String> added) {
        // A connection per request: a long SSE stream never holds up another request in a pool.
        var client = HttpClient.create(ConnectionProvider.newConnection()).followRedirect(false);
        var server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> client.headers(headers -> {
                            copyEndToEnd(request.requestHeaders(), headers);
                            added.forEach(headers::set);
                        })
                        .request(request.method())
                        .uri(target.resolve(request.uri()).toString())
                        .send((upstream, out) -> out.send(request.receive().retain()))
                        .response((upstream, body) -> {
                            response.status(upstream.status());
                            copyEndToEnd(upstream.responseHeaders(), response.responseHeaders());
                            // Flush every chunk as it comes: SSE events must not wait in a buffer.
                            return response.send(body.retain(), chunk -> true);
                        })
                        .then())
                .bindNow(Duration.ofSeconds(10));
        return new AuthAddingProxy(server);
    }

    /** The proxy's URL for {@code path} of the target, e.g. {@code /mcp}. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static void copyEndToEnd(HttpHeaders from, HttpHeaders to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
