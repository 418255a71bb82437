package io.actionport.bench.load;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The one load generator: MCP sessions on a Reactor Netty client with a single event loop, each
 * client with its own session and connection, driven as a {@link ClosedLoop}.
 */
public final class LoadGenerator implements AutoCloseable {

    /** Told when the counted window starts and ends, to sample the server over exactly that window. */
    public interface Window {
        void started();

        void ended();
    }

    private final LoopResources loop = LoopResources.create("bench-client", 1, true);

    /** A pool of at most {@code connections} connections: one per client. */
    public static ConnectionProvider pool(int connections) {
        return ConnectionProvider.builder("bench")
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** A client on the generator's event loop, for the port's server on 127.0.0.1. */
    public HttpClient client(int port, ConnectionProvider pool) {
        return HttpClient.create(pool).runOn(loop).host("127.0.0.1").port(port).responseTimeout(Duration.ofSeconds(60));
    }

    /** Opens one session per client, runs the spec, and closes the sessions. */
    public LoadResult run(Endpoint endpoint, LoadSpec spec, Window window) {
        var pool = pool(spec.clients());
        try {
            var http = client(endpoint.port(), pool);
            List<McpSession> sessions = Flux.range(0, spec.clients())
                    .flatMap(i -> McpSession.open(http, endpoint), spec.clients())
                    .collectList()
                    .block(Duration.ofSeconds(60));
            var result = new ClosedLoop(spec.warmup(), spec.measure(), spec.maxRequestsPerClient())
                    .run(
                            spec.clients(),
                            client -> sessions.get(client)
                                    .request(spec.method(), spec.paramsJson())
                                    .map(answer -> {
                                        if (!spec.check().test(answer)) {
                                            throw new McpCallException("unexpected result: " + answer);
                                        }
                                        return answer;
                                    }),
                            window);
            Flux.fromIterable(sessions).flatMap(McpSession::close).then().block(Duration.ofSeconds(30));
            return result;
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() {
        loop.disposeLater().block(Duration.ofSeconds(10));
    }
}
