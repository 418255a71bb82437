package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** The proxy the conformance suite talks through: it must change nothing but the headers it adds. */
class AuthAddingProxyTest {

    final Map<String, String> seen = new ConcurrentHashMap<>();
    final CompletableFuture<String> secondEvent = new CompletableFuture<>();
    DisposableServer upstream;
    AuthAddingProxy proxy;

    @BeforeEach
    void start() {
        upstream = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post("/mcp", (request, response) -> {
                    request.requestHeaders().forEach(header -> seen.put(header.getKey(), header.getValue()));
                    seen.put("method", request.method().name());
                    seen.put("uri", request.uri());
                    return request.receive()
                            .aggregate()
                            .asString()
                            .defaultIfEmpty("")
                            .flatMap(body -> {
                                seen.put("body", body);
                                return response.status(200)
                                        .header("Content-Type", "text/event-stream")
                                        .header("Mcp-Session-Id", "s-1")
                                        .sendString(Flux.concat(
                                                Mono.just("data: one\n\n"),
                                                Mono.fromFuture(secondEvent).map(text -> "data: " + text + "\n\n")))
                                        .then();
                            });
                }))
                .bindNow();
        proxy = AuthAddingProxy.start(
                URI.create("http://127.0.0.1:" + upstream.port()),
                Map.of("Authorization", "Bearer added", "Provider-Config-Key", "conformance"));
    }

    @AfterEach
    void stop() {
        secondEvent.complete("closing");
        proxy.close();
        upstream.disposeNow();
    }

    HttpClient.ResponseReceiver<?> post(String host, String origin, String body) {
        return HttpClient.create()
                .headers(headers -> headers.set("Host", host)
                        .set("Origin", origin)
                        .set("Content-Type", "application/json")
                        .set("Mcp-Session-Id", "s-1"))
                .post()
                .uri(proxy.url("/mcp?x=1").toString())
                .send(ByteBufFlux.fromString(Mono.just(body)));
    }

    @Test
    void adds_its_headers_and_passes_host_origin_method_path_and_body_through_unchanged() {
        var host = "evil.example.com:" + proxy.url("/").getPort();
        secondEvent.complete("two");

        var answer = post(host, "http://evil.example.com", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .responseSingle((response, body) -> body.asString()
                        .map(text -> List.of(
                                String.valueOf(response.status().code()),
                                response.responseHeaders().get("Mcp-Session-Id"),
                                text)))
                .block(Duration.ofSeconds(10));

        assertThat(answer).containsExactly("200", "s-1", "data: one\n\ndata: two\n\n");
        assertThat(seen)
                .containsEntry("Host", host)
                .containsEntry("Origin", "http://evil.example.com")
                .containsEntry("Authorization", "Bearer added")
                .containsEntry("Provider-Config-Key", "conformance")
                .containsEntry("Mcp-Session-Id", "s-1")
                .containsEntry("method", "POST")
                .containsEntry("uri", "/mcp?x=1")
                .containsEntry("body", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    }

    @Test
    void streams_each_server_sent_event_as_the_server_sends_it() {
        var host = "127.0.0.1:" + proxy.url("/").getPort();

        var events = post(host, "http://" + host, "{}")
                .response((response, body) -> body.asString())
                .doOnNext(chunk -> {
                    // The first event arrived while the server still holds back the second.
                    if (chunk.contains("one")) {
                        assertThat(secondEvent).isNotDone();
                        secondEvent.complete("two");
                    }
                })
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(String.join("", events)).isEqualTo("data: one\n\ndata: two\n\n");
    }
}
