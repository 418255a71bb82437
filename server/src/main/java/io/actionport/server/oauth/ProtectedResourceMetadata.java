package io.actionport.server.oauth;

import io.actionport.server.store.Json;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * This server's OAuth protected resource metadata (RFC 9728): which resource {@code /mcp} is, which
 * authorization server issues its tokens and which scopes it needs; served without a key at the
 * well-known path and at its {@code /mcp}-specific form.
 */
public final class ProtectedResourceMetadata {

    public static final String PATH = "/.well-known/oauth-protected-resource";

    private final OAuthConfig config;
    private final Supplier<URI> ownUrl;

    /** @param ownUrl this server's base URL, known once it listens */
    ProtectedResourceMetadata(OAuthConfig config, Supplier<URI> ownUrl) {
        this.config = config;
        this.ownUrl = ownUrl;
    }

    /** The audience tokens must name: the configured resource, else this server's URL + {@code /mcp}. */
    URI resource() {
        if (config.resource() != null) {
            return config.resource();
        }
        return URI.create(ownUrl.get().toString().replaceAll("/+$", "") + "/mcp");
    }

    /** Where clients find this metadata for the resource: the well-known path inserted before its path. */
    String url() {
        var resource = resource();
        var path = resource.getRawPath() == null ? "" : resource.getRawPath().replaceAll("/+$", "");
        return resource.getScheme() + "://" + resource.getRawAuthority() + PATH + path;
    }

    String scopes() {
        return String.join(" ", config.scopes());
    }

    String json() {
        var body = Json.MAPPER.createObjectNode();
        body.put("resource", resource().toString());
        body.putArray("authorization_servers").add(config.issuer().toString());
        var scopes = body.putArray("scopes_supported");
        new ToolScopes(config.scopes()).supported().forEach(scopes::add);
        body.putArray("bearer_methods_supported").add("header");
        body.put("resource_name", "Actionport MCP (environment " + config.environment() + ")");
        return body.toString();
    }

    public void register(HttpServerRoutes routes) {
        for (var path : new String[] {PATH, PATH + "/mcp"}) {
            routes.get(
                    path,
                    (request, response) -> response.status(200)
                            .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .header(HttpHeaderNames.CACHE_CONTROL, "max-age=300")
                            // Public and credential-free: any page, e.g. a browser MCP client, may read it.
                            .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                            .sendString(Mono.fromSupplier(this::json))
                            .then());
        }
    }
}
