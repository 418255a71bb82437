package io.actionport.server.mcp.transport;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The MCP Streamable HTTP server transport for Reactor Netty, mounted on an {@code HttpServer}
 * that also serves other routes.
 *
 * <p>Pass it to {@code McpServer.async(provider)} or {@code McpServer.sync(provider)}, then mount
 * it: {@code HttpServer.create().route(routes -> provider.register(routes.get("/health", ...)))}.
 * The endpoint answers POST (a JSON-RPC message; {@code initialize} starts a session and returns
 * its {@code Mcp-Session-Id}), GET (the session's listening SSE stream) and DELETE (ends the
 * session). A request's answer is plain JSON when its result is the first thing the server sends,
 * and an SSE stream when notifications or server requests come first.
 *
 * <p>Every request passes, in order: the shutdown check (503), the Origin and Host allow-lists (403,
 * 421), the {@link McpRequestGate}, then the protocol's own checks. Errors are JSON-RPC error
 * objects with a readable message. Nothing here blocks a Netty event loop.
 */
public final class ReactorNettyStreamableServerTransportProvider implements McpStreamableServerTransportProvider {

    private static final Logger log = LoggerFactory.getLogger(ReactorNettyStreamableServerTransportProvider.class);

    private final String endpoint;
    private final SessionRegistry sessions;
    /** The notifications a change of many items folds into one. */
    private static final java.util.Set<String> LIST_CHANGES = java.util.Set.of(
            McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED,
            McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED,
            McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED);

    private final EndpointHandler handler;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger changing = new java.util.concurrent.atomic.AtomicInteger();
    /** The list_changed notifications held back while a change runs, sent once at its end. */
    private final java.util.Set<String> listsChangedMeanwhile = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Disposable sweeper;
    private volatile McpStreamableServerSession.Factory sessionFactory;

    private ReactorNettyStreamableServerTransportProvider(Builder builder) {
        this.endpoint = builder.endpoint;
        this.sessions = new SessionRegistry(builder.clock, builder.sessionLimits);
        HttpResponses responses = new HttpResponses(builder.jsonMapper);
        StreamResponder responder = new StreamResponder(responses, builder.keepAliveInterval, builder.scheduler);
        this.handler = new EndpointHandler(
                closing::get,
                new OriginHostPolicy(builder.allowedOrigins, builder.allowedHosts),
                builder.requestGate,
                builder.contextExtractor,
                responses,
                new PostHandler(
                        builder.jsonMapper,
                        builder.maxRequestBodyBytes,
                        new KeptFieldLimits(builder.maxKeptFieldChars),
                        sessions,
                        () -> sessionFactory,
                        responses,
                        responder,
                        builder.stateless),
                new GetHandler(builder.jsonMapper, sessions, responder),
                new DeleteHandler(sessions, responses));
        this.sweeper = builder.idleSessionTimeout == null
                ? Disposables.disposed()
                : IdleSessionSweeper.start(sessions, builder.idleSessionTimeout, builder.scheduler);
    }

    /**
     * Starts a builder.
     *
     * @param jsonMapper the mapper for JSON-RPC messages, normally the one the MCP server uses
     */
    public static Builder builder(McpJsonMapper jsonMapper) {
        return new Builder(jsonMapper);
    }

    /**
     * Adds the MCP endpoint to a server's routes, for every HTTP method: methods other than POST,
     * GET and DELETE get 405.
     *
     * @return {@code routes}, for chaining
     */
    public HttpServerRoutes register(HttpServerRoutes routes) {
        return routes.route(request -> endpoint.equals(request.fullPath()), handler);
    }

    /**
     * The endpoint's handler, for mounting by other means than {@link #register}; it does not check
     * the request path.
     */
    public BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler() {
        return handler;
    }

    /** The path the endpoint is registered at. */
    public String endpoint() {
        return endpoint;
    }

    /** The number of live sessions, for metrics and health checks. */
    public int activeSessions() {
        return sessions.size();
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /**
     * Runs {@code changes} (which may change many tools, prompts and resources one by one) so that
     * clients hear one {@code list_changed} per list at its end instead of one per item.
     */
    public Mono<Void> oneToolListChange(Mono<Void> changes) {
        return Mono.defer(() -> {
                    changing.incrementAndGet();
                    return changes;
                })
                .doFinally(signal -> {
                    if (changing.decrementAndGet() == 0) {
                        for (var method : LIST_CHANGES) {
                            if (listsChangedMeanwhile.remove(method)) {
                                notifyClients(method, null).subscribe();
                            }
                        }
                    }
                });
    }

    /** Sends a notification on every session's listening stream; sessions without one miss it. */
    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        if (LIST_CHANGES.contains(method) && changing.get() > 0) {
            listsChangedMeanwhile.add(method);
            return Mono.empty();
        }
        return Flux.fromIterable(sessions.all())
                .flatMap(session -> session.sendNotification(method, params).onErrorResume(error -> {
                    log.debug("Session {} missed {}: {}", session.getId(), method, error.getMessage());
                    return Mono.empty();
                }))
                .then();
    }

    /**
     * Sends a notification on one session's listening stream.
     *
     * @return completes once queued, empty if the session is unknown, and fails if the session has
     *     no listening stream
     */
    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return Mono.defer(() -> sessions.peek(sessionId)
                .map(session -> session.sendNotification(method, params))
                .orElseGet(() -> {
                    log.debug("No session {} to send {} to", sessionId, method);
                    return Mono.empty();
                }));
    }

    /** Refuses new requests with 503, stops the idle sweeps and closes every session. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            closing.set(true);
            sweeper.dispose();
            List<McpStreamableServerSession> closed = sessions.removeAll();
            log.debug("Closing the MCP transport with {} sessions", closed.size());
            return Flux.fromIterable(closed)
                    .flatMap(session -> session.closeGracefully().onErrorResume(error -> {
                        log.warn("Failed to close MCP session {}: {}", session.getId(), error.toString());
                        return Mono.empty();
                    }))
                    .then();
        });
    }

    @Override
    public List<String> protocolVersions() {
        return RequestChecks.PROTOCOL_VERSIONS;
    }

    /** Configures a {@link ReactorNettyStreamableServerTransportProvider}. */
    public static final class Builder {

        private final McpJsonMapper jsonMapper;
        private String endpoint = "/mcp";
        private McpTransportContextExtractor<HttpServerRequest> contextExtractor = request -> McpTransportContext.EMPTY;
        private McpRequestGate requestGate = McpRequestGate.ALLOW_ALL;
        private List<String> allowedOrigins = List.of();
        private List<String> allowedHosts = List.of();
        private int maxRequestBodyBytes = 4 * 1024 * 1024;
        private Duration keepAliveInterval = Duration.ofSeconds(15);
        private Duration idleSessionTimeout = Duration.ofMinutes(10);
        private SessionLimits sessionLimits = SessionLimits.unlimited();
        private int maxKeptFieldChars = 256;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler = Schedulers.parallel();
        private StatelessHandler stateless;

        private Builder(McpJsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
        }

        /** The endpoint path; defaults to {@code /mcp}. */
        public Builder endpoint(String endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!endpoint.startsWith("/") || (endpoint.length() > 1 && endpoint.endsWith("/"))) {
                throw new IllegalArgumentException("The endpoint must start and not end with '/': " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * Extracts the values MCP handlers read from {@code McpTransportContext} (for instance a
         * {@code Connection-Id} header) from each request; defaults to an empty context.
         */
        public Builder contextExtractor(McpTransportContextExtractor<HttpServerRequest> contextExtractor) {
            this.contextExtractor = Objects.requireNonNull(contextExtractor, "contextExtractor");
            return this;
        }

        /** Authenticates each request before MCP processing; defaults to {@link McpRequestGate#ALLOW_ALL}. */
        public Builder requestGate(McpRequestGate requestGate) {
            this.requestGate = Objects.requireNonNull(requestGate, "requestGate");
            return this;
        }

        /**
         * Origins that browsers may call from, such as {@code https://app.example.com} or {@code
         * http://localhost:*}. A request carrying any other {@code Origin} gets 403; requests without
         * one (non-browser clients) are unaffected. Defaults to none.
         */
        public Builder allowedOrigins(Collection<String> allowedOrigins) {
            this.allowedOrigins = List.copyOf(allowedOrigins);
            return this;
        }

        /**
         * Host header values the server answers to, such as {@code localhost:*}; others get 421. Set
         * this on servers bound to localhost to defeat DNS rebinding. Defaults to any host.
         */
        public Builder allowedHosts(Collection<String> allowedHosts) {
            this.allowedHosts = List.copyOf(allowedHosts);
            return this;
        }

        /** The largest POST body accepted; larger ones get 413. Defaults to 4 MiB. */
        public Builder maxRequestBodyBytes(int maxRequestBodyBytes) {
            if (maxRequestBodyBytes <= 0) {
                throw new IllegalArgumentException("maxRequestBodyBytes must be positive");
            }
            this.maxRequestBodyBytes = maxRequestBodyBytes;
            return this;
        }

        /**
         * How often an open SSE stream with nothing to say gets a {@code : keep-alive} comment, so
         * that proxies do not drop it; {@code null} disables the pings. Defaults to 15 seconds.
         */
        public Builder keepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = requirePositiveOrNull(keepAliveInterval, "keepAliveInterval");
            return this;
        }

        /**
         * How long a session may go without requests and without an open stream before it is closed
         * and forgotten; {@code null} keeps sessions until DELETE or shutdown. Defaults to 10 minutes.
         */
        public Builder idleSessionTimeout(Duration idleSessionTimeout) {
            this.idleSessionTimeout = requirePositiveOrNull(idleSessionTimeout, "idleSessionTimeout");
            return this;
        }

        /**
         * Caps live sessions per owner and in total; may be shared by several transports. Defaults
         * to {@link SessionLimits#unlimited()}.
         */
        public Builder sessionLimits(SessionLimits sessionLimits) {
            this.sessionLimits = Objects.requireNonNull(sessionLimits, "sessionLimits");
            return this;
        }

        /**
         * The longest client name, version, protocol version or request id a session keeps; longer
         * ones are refused with -32602. Defaults to 256 characters.
         */
        public Builder maxKeptFieldChars(int maxKeptFieldChars) {
            if (maxKeptFieldChars <= 0) {
                throw new IllegalArgumentException("maxKeptFieldChars must be positive");
            }
            this.maxKeptFieldChars = maxKeptFieldChars;
            return this;
        }

        /** The clock that dates session activity; defaults to the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The scheduler for keep-alive pings and idle sweeps; defaults to {@link Schedulers#parallel()}.
         * It is not disposed on close, so it may be shared.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Builds the provider and starts its idle session sweeps. */
        /**
         * Serves POSTs of the stateless era (2026-07-28) with {@code stateless}; without one, every
         * request takes the session path.
         */
        public Builder stateless(StatelessHandler stateless) {
            this.stateless = stateless;
            return this;
        }

        public ReactorNettyStreamableServerTransportProvider build() {
            return new ReactorNettyStreamableServerTransportProvider(this);
        }

        private static Duration requirePositiveOrNull(Duration duration, String name) {
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException(name + " must be positive, or null to disable");
            }
            return duration;
        }
    }
}
