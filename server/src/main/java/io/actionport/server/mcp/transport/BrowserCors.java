package io.actionport.server.mcp.transport;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Decides what browsers may do on {@code /mcp} across origins: a CORS preflight from an allowed
 * origin is answered 204 without a key (it carries none, by the CORS rules), one from any other
 * origin 403; responses to allowed origins name them so the page may read them.
 */
public final class BrowserCors {

    private static final String METHODS = "GET, POST, DELETE, OPTIONS";
    /** A header name of RFC 9110 token characters after the prefix, so nothing else is echoed back. */
    private static final Pattern MCP_PARAM = Pattern.compile("(?i)mcp-param-[!#$%&'*+.^_`|~0-9a-z-]{1,100}");

    /** The OAuth challenge too, so a page can find the authorization server when OAuth is on. */
    private static final String EXPOSED = "Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate";

    private final OriginHostPolicy origins;
    private final String allowedHeaders;

    /**
     * @param allowedOrigins the origins {@code /mcp} accepts, as for the transport's Origin check
     * @param requestHeaders the headers a page may send besides the standard ones
     */
    public BrowserCors(Collection<String> allowedOrigins, List<String> requestHeaders) {
        this.origins = new OriginHostPolicy(allowedOrigins, List.of());
        this.allowedHeaders = String.join(
                ", ",
                Stream.concat(
                                Stream.of(
                                        "Authorization",
                                        "Content-Type",
                                        "Accept",
                                        "Mcp-Session-Id",
                                        "Mcp-Protocol-Version",
                                        "Mcp-Method",
                                        "Mcp-Name",
                                        "Last-Event-ID"),
                                requestHeaders.stream())
                        .toList());
    }

    /** An {@code OPTIONS} request with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(HttpServerRequest request) {
        return request.method().equals(HttpMethod.OPTIONS)
                && request.requestHeaders().contains(HttpHeaderNames.ORIGIN)
                && request.requestHeaders().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** 204 with the {@code Access-Control-Allow-*} headers for an allowed origin, 403 for another. */
    public Mono<Void> answerPreflight(HttpServerRequest request, HttpServerResponse response) {
        var origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (!origins.allowsOrigin(origin)) {
            return response.status(403)
                    .header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                    .sendString(Mono.just("Forbidden: Origin " + origin
                            + " is not allowed; start the server with --allow-origin " + origin))
                    .then();
        }
        return response.status(204)
                .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, allowedHeaders + paramHeaders(request))
                .header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600")
                .header(HttpHeaderNames.VARY, "Origin")
                .send();
    }

    /**
     * The {@code Mcp-Param-<name>} headers the preflight asks for: a tool's {@code x-mcp-header}
     * arguments, whose names only the page knows.
     */
    private static String paramHeaders(HttpServerRequest request) {
        var requested = request.requestHeaders().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (requested == null) {
            return "";
        }
        var params = new StringBuilder();
        for (var header : requested.split(",")) {
            var name = header.trim();
            if (MCP_PARAM.matcher(name).matches()) {
                params.append(", ").append(name);
            }
        }
        return params.toString();
    }

    /** Lets a page of an allowed origin read the response and its session header. */
    public void allowReading(HttpServerRequest request, HttpServerResponse response) {
        var origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (origin != null && origins.allowsOrigin(origin)) {
            response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .header(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED)
                    .header(HttpHeaderNames.VARY, "Origin");
        }
    }
}
