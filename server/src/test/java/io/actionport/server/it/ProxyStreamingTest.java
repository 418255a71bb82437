package io.actionport.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.Integration;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * 50 MB through {@code /proxy} each way. Bodies are generated chunk by chunk and counted, never
 * stored, on both ends; if the proxy buffered a body, the bytes sent but not yet received would
 * grow to the whole body, so their peak shows whether it streams.
 */
class ProxyStreamingTest {

    static final int CHUNK = 8 * 1024;
    static final int CHUNKS = 6_400;
    static final long TOTAL = (long) CHUNK * CHUNKS;
    /** The kernel buffers at the test's ends are kept small, so what is in flight is mostly the proxy's. */
    static final int SOCKET_BUFFER = 64 * 1024;
    /**
     * The proxy's own socket buffers (which the kernel grows to several MB on loopback) and a few
     * chunks; well below the 50 MB body.
     */
    static final long IN_FLIGHT_LIMIT = 24L * 1024 * 1024;
    /** Pooled buffers the transfer may add; a proxy that held the body would add 50 MB. */
    static final long DIRECT_MEMORY_LIMIT = 12L * 1024 * 1024;

    static final byte[] CHUNK_BYTES = new byte[CHUNK];

    @TempDir
    static Path dataDir;

    static TestServer server;
    static DisposableServer provider;
    static final AtomicLong providerSent = new AtomicLong();
    static final AtomicLong providerReceived = new AtomicLong();

    @BeforeAll
    static void start() {
        provider = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .childOption(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .childOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .route(routes -> routes.post(
                                "/files/upload",
                                (request, response) -> request.receive()
                                        .doOnNext(chunk -> providerReceived.addAndGet(chunk.readableBytes()))
                                        .then(response.sendString(
                                                        Mono.fromSupplier(() -> Long.toString(providerReceived.get())))
                                                .then()))
                        .get(
                                "/files/download",
                                (request, response) -> response.header("Content-Length", Long.toString(TOTAL))
                                        .send(chunks(providerSent))))
                .bindNow();
        server = new TestServer(dataDir, TestServer.Store.H2, List.of("127.0.0.1:" + provider.port()));
        var connections = server.server.connections();
        connections.saveIntegration(new Integration(
                "dev", "files", URI.create("http://127.0.0.1:" + provider.port() + "/files"), AuthScheme.NONE, null));
        connections.create(new Connection("dev", "files", "f1", Map.of(), Map.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.disposeNow();
    }

    /** The body, produced lazily as the reader asks for it, each chunk counted as it is made. */
    static Flux<ByteBuf> chunks(AtomicLong produced) {
        return Flux.range(0, CHUNKS).map(i -> {
            produced.addAndGet(CHUNK);
            return Unpooled.wrappedBuffer(CHUNK_BYTES);
        });
    }

    static HttpClient caller() {
        return HttpClient.create()
                .headers(headers -> headers.set("Authorization", "Bearer " + TestServer.DEV_KEY)
                        .set("Provider-Config-Key", "files")
                        .set("Connection-Id", "f1"));
    }

    @Test
    void a_50_mb_upload_streams_through_the_proxy_without_being_buffered() {
        var sent = new AtomicLong();
        var peakInFlight = new AtomicLong();
        var peakDirect = new DirectMemoryPeak();
        var body = chunks(sent).doOnNext(chunk -> {
            peakInFlight.accumulateAndGet(sent.get() - providerReceived.get(), Math::max);
            peakDirect.sample();
        });

        var answer = caller().post()
                .uri(server.baseUrl() + "/proxy/upload")
                .send(body)
                .responseSingle((response, content) ->
                        content.asString().map(text -> response.status().code() + " " + text))
                .block(Duration.ofMinutes(1));

        assertThat(answer).isEqualTo("200 " + TOTAL);
        assertThat(peakInFlight.get()).isLessThan(IN_FLIGHT_LIMIT);
        assertThat(peakDirect.growth()).isLessThan(DIRECT_MEMORY_LIMIT);
    }

    @Test
    void a_50_mb_download_streams_through_the_proxy_without_being_buffered() {
        var received = new AtomicLong();
        var peakInFlight = new AtomicLong();
        var peakDirect = new DirectMemoryPeak();

        var status = caller().get()
                .uri(server.baseUrl() + "/proxy/download")
                .response((response, content) -> content.doOnNext(chunk -> {
                            received.addAndGet(chunk.readableBytes());
                            peakInFlight.accumulateAndGet(providerSent.get() - received.get(), Math::max);
                            peakDirect.sample();
                        })
                        .then(Mono.just(response.status().code())))
                .blockLast(Duration.ofMinutes(1));

        assertThat(status).isEqualTo(200);
        assertThat(received.get()).isEqualTo(TOTAL);
        assertThat(peakInFlight.get()).isLessThan(IN_FLIGHT_LIMIT);
        assertThat(peakDirect.growth()).isLessThan(DIRECT_MEMORY_LIMIT);
    }

    /** The peak of the memory Netty's buffer allocator holds, where a proxy that aggregated a body would hold it. */
    static final class DirectMemoryPeak {
        private final long baseline = used();
        private final AtomicLong peak = new AtomicLong(baseline);

        void sample() {
            peak.accumulateAndGet(used(), Math::max);
        }

        long growth() {
            return peak.get() - baseline;
        }

        private static long used() {
            var metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
            return metric.usedDirectMemory() + metric.usedHeapMemory();
        }
    }
}
