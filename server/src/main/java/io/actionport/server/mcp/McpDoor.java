package io.actionport.server.mcp;

import io.actionport.server.Blocking;
import io.actionport.server.Identifiers;
import io.actionport.server.auth.AuthException;
import io.actionport.server.auth.EndUsers;
import io.actionport.server.auth.KeyRoles;
import io.actionport.server.auth.Principal;
import io.actionport.server.http.HttpApi;
import io.actionport.server.mcp.stateless.ListenStreams;
import io.actionport.server.mcp.stateless.RequestStates;
import io.actionport.server.mcp.stateless.StatelessEndpoint;
import io.actionport.server.mcp.transport.BrowserCors;
import io.actionport.server.mcp.transport.ReactorNettyStreamableServerTransportProvider;
import io.actionport.server.mcp.transport.SessionLimits;
import io.actionport.server.oauth.BearerRefusal;
import io.actionport.server.oauth.McpCallers;
import io.actionport.server.oauth.ToolScopes;
import io.actionport.server.registry.ActionRegistry;
import io.actionport.server.runner.ExecutionEvents;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The MCP door over Streamable HTTP at {@code /mcp}: one MCP server per environment, chosen by the
 * caller's secret key, so nothing crosses environments, not even a session id.
 */
public final class McpDoor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpDoor.class);

    public static final String PATH = "/mcp";

    /** Browser pages on this machine may call; any other Origin is refused. */
    public static final List<String> LOOPBACK_ORIGINS =
            List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*");

    /** The Host names a loopback-bound server answers to; others are DNS rebinding attempts. */
    public static final List<String> LOOPBACK_HOSTS = List.of("localhost:*", "127.0.0.1:*", "[::1]:*");

    private final McpCallers callers;
    private final ToolRunner runner;
    private final ActionRegistry registry;
    private final Collection<String> allowedOrigins;
    private final Collection<String> allowedHosts;
    private final BrowserCors cors;
    private final String version;
    private final McpScopes scopes;
    private final RequestStates requestStates;
    private final Map<String, EnvironmentServer> servers = new ConcurrentHashMap<>();
    private final ListenStreams listens = new ListenStreams();

    private List<EnvironmentServer> serversOf(String environment) {
        return servers.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(environment + "/"))
                .map(Map.Entry::getValue)
                .toList();
    }

    private record EnvironmentServer(
            ReactorNettyStreamableServerTransportProvider transport, EnvironmentTools tools, McpAsyncServer server) {}

    public McpDoor(
            McpCallers callers,
            ToolRunner runner,
            ActionRegistry registry,
            ExecutionEvents events,
            Collection<String> allowedOrigins,
            Collection<String> allowedHosts,
            String version,
            McpScopes scopes,
            RequestStates requestStates) {
        this.requestStates = requestStates;
        this.callers = callers;
        this.runner = runner;
        this.registry = registry;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.allowedHosts = List.copyOf(allowedHosts);
        this.cors = new BrowserCors(
                allowedOrigins, List.of(SessionScope.INTEGRATION, SessionScope.CONNECTION, HttpApi.ENVIRONMENT_HEADER));
        this.version = version;
        this.scopes = scopes;
        events.onFinished(finished -> {
            if (!finished.async()) {
                // A synchronous call's result went to its caller: nobody can have subscribed to it.
                return;
            }
            var uri = ToolResults.resourceUri(finished.executionId());
            serversOf(finished.environment())
                    .forEach(live -> live.server()
                            .notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri))
                            .subscribe());
            listens.executionFinished(finished.environment(), finished.executionId(), uri);
        });
        registry.onChange(environment -> {
            serversOf(environment)
                    .forEach(live -> live.transport()
                            .oneToolListChange(live.tools().refresh(live.server()))
                            .subscribe());
            listens.deployed(environment);
        });
    }

    public void register(HttpServerRoutes routes) {
        // A preflight carries no key by the CORS rules: it is answered before authentication.
        routes.route(
                request -> request.fullPath().equals(PATH) && BrowserCors.isPreflight(request), cors::answerPreflight);
        routes.route(
                request -> request.fullPath().equals(PATH),
                (request, response) -> Mono.defer(() -> {
                            cors.allowReading(request, response);
                            ScopeHeaders.check(request.requestHeaders());
                            var authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
                            var environment = request.requestHeaders().get(HttpApi.ENVIRONMENT_HEADER);
                            var scope = request.requestHeaders().get(SessionScope.INTEGRATION);
                            // A key used a moment ago, on a server already built, is served on this
                            // event loop; whatever may wait for the store runs on a virtual thread.
                            var known = callers.fromMemory(authorization, environment);
                            if (known.isPresent()) {
                                admit(request, known.get(), scope);
                                var live = servers.get(serverName(known.get(), scope));
                                if (live != null) {
                                    return Mono.just(new Caller(known.get(), live));
                                }
                            }
                            return Blocking.call(() -> {
                                var principal =
                                        callers.authenticate(authorization, environment, request.remoteAddress());
                                admit(request, principal, scope);
                                return new Caller(principal, serverFor(principal, scope));
                            });
                        })
                        .flatMap(caller -> {
                            refusedToolCall(request, caller.server()).ifPresent(refusal -> {
                                throw refusal;
                            });
                            return Mono.from(caller.server()
                                            .transport()
                                            .handler()
                                            .apply(request, response))
                                    // Whose sessions these are, for the per-key session cap.
                                    .contextWrite(SessionLimits.owner(
                                            caller.principal().environment() + "/"
                                                    + caller.principal().keyId()));
                        })
                        .onErrorResume(
                                BearerRefusal.class,
                                e -> refuse(
                                        response.header(HttpHeaderNames.WWW_AUTHENTICATE, callers.challenge(e)),
                                        e.status(),
                                        e.getMessage()))
                        .onErrorResume(AuthException.class, e -> refuse(response, e.status(), e.getMessage()))
                        .onErrorResume(
                                HttpApi.RepeatedHeaderException.class, e -> refuse(response, 400, e.getMessage()))
                        .onErrorResume(
                                McpScopes.ScopeException.class, e -> refuse(response, e.status(), e.getMessage()))
                        .onErrorResume(
                                Identifiers.InvalidIdentifierException.class,
                                e -> refuse(response, 400, e.getMessage())));
    }

    /** Whether the caller may use this door, as the scope and end user it asked for. */
    private static void admit(HttpServerRequest request, Principal principal, String scope) {
        KeyRoles.requireCaller(principal);
        EndUsers.of(principal, EndUsers.header(request.requestHeaders()));
        KeyRoles.requireIntegration(principal, scope == null ? null : scope.trim());
    }

    private record Caller(Principal principal, EnvironmentServer server) {}

    private static String scopeOf(String integration) {
        return integration == null || integration.isBlank() ? null : integration.trim();
    }

    /** The name of the caller's {@link #serverFor server}: its environment, scope, key and tool grant. */
    private String serverName(Principal principal, String integration) {
        return serverName(principal, scopeOf(integration), callers.toolScopes().grantOf(principal));
    }

    private static String serverName(Principal principal, String scope, ToolScopes.Grant grant) {
        return principal.environment() + "/" + (scope == null ? "*" : scope) + "/" + principal.keyId() + "/"
                + grant.key();
    }

    /**
     * The MCP server of an environment, one per integration scope and key: a session limited to one
     * integration sees its tools under their plain names, whatever other integrations deploy, and a
     * session is bound to the key that opened it (its executions are recorded as that key's).
     */
    private EnvironmentServer serverFor(Principal principal, String integration) {
        var scope = scopeOf(integration);
        var environment = principal.environment();
        var grant = callers.toolScopes().grantOf(principal);
        var name = serverName(principal, scope, grant);
        var live = servers.get(name);
        if (live != null) {
            return live;
        }
        scopes.requireExists(environment, scope);
        if (scopes.isFull(servers.size())) {
            dropServersWithoutSessions();
        }
        return servers.computeIfAbsent(name, key -> {
            scopes.requireRoom(servers.size());
            var tools = McpServers.tools(
                    environment,
                    scope,
                    runner,
                    registry,
                    context -> SessionScope.of(context).as(principal),
                    grant);
            var stateless = new StatelessEndpoint(McpServers.stateless(
                    environment,
                    new StatelessTools(environment, scope, tools, runner, principal),
                    listens,
                    requestStates,
                    version));
            var transport = ReactorNettyStreamableServerTransportProvider.builder(McpServers.JSON)
                    .endpoint(PATH)
                    .allowedOrigins(allowedOrigins)
                    .allowedHosts(allowedHosts)
                    .contextExtractor(McpDoor::scopeHeaders)
                    .sessionLimits(scopes.sessions())
                    .idleSessionTimeout(scopes.sessionIdleTimeout())
                    .maxKeptFieldChars(scopes.maxKeptFieldChars())
                    .stateless(stateless)
                    .build();
            return new EnvironmentServer(transport, tools, McpServers.streamable(transport, tools, version));
        });
    }

    /**
     * Makes room for new servers: drops those without a live session (their keys revoked, their
     * sessions ended or idle, or used by stateless requests alone, which build them again when
     * they come back).
     */
    private void dropServersWithoutSessions() {
        int dropped = 0;
        for (var entry : servers.entrySet()) {
            var live = entry.getValue();
            if (live.transport().activeSessions() == 0 && servers.remove(entry.getKey(), live)) {
                live.server().closeGracefully().subscribe();
                dropped++;
            }
        }
        if (dropped > 0) {
            log.info("the MCP servers reached their limit; dropped the {} without a live session", dropped);
        }
    }

    /**
     * A call, named in its {@code Mcp-Method} and {@code Mcp-Name} headers (the stateless era checks
     * they match its body), to a tool the caller's token may not call: refused with 403 and a step-up
     * challenge before the transport answers. Session-era calls carry no such headers; their tool
     * handler refuses them with a JSON-RPC error instead.
     */
    private static java.util.Optional<BearerRefusal> refusedToolCall(
            HttpServerRequest request, EnvironmentServer live) {
        var name = request.requestHeaders().get("Mcp-Name");
        if (name == null || !"tools/call".equals(request.requestHeaders().get("Mcp-Method"))) {
            return java.util.Optional.empty();
        }
        return live.tools().refusal(name.trim());
    }

    /**
     * The refusal of a request before any MCP processing (unauthenticated, or a scope that cannot
     * be served), in the JSON-RPC error shape the transport uses.
     * {@code WWW-Authenticate} only when OAuth is on: it sends clients into an OAuth flow.
     */
    private static Mono<Void> refuse(HttpServerResponse response, int status, String message) {
        var body = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        body.putObject("error")
                .put("code", McpSchema.ErrorCodes.INVALID_REQUEST)
                .put("message", message);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(body.toString()))
                .then();
    }

    private static McpTransportContext scopeHeaders(HttpServerRequest request) {
        var values = new HashMap<String, Object>();
        // Checked when the request was let in (EndUsers.header): at most one, never empty.
        for (var header : List.of(SessionScope.INTEGRATION, SessionScope.CONNECTION, EndUsers.HEADER)) {
            var value = request.requestHeaders().get(header);
            if (value != null) {
                values.put(header, value);
            }
        }
        return McpTransportContext.create(values);
    }

    @Override
    public void close() {
        Flux.fromIterable(servers.values())
                .flatMap(server -> server.server().closeGracefully())
                .then()
                .block(java.time.Duration.ofSeconds(5));
    }
}
