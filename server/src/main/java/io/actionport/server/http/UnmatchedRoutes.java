package io.actionport.server.http;

import io.actionport.server.metrics.UriTemplates;
import java.util.List;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The answer to a request no route serves: a JSON error naming the path and where to go instead
 * ({@code 404 not_found}), or naming the route when only the method is wrong ({@code 405
 * method_not_allowed}); never an empty answer.
 */
public final class UnmatchedRoutes {

    private UnmatchedRoutes() {}

    /** Registers the catch-all; last, after every other route, since routes match in order. */
    public static void register(HttpServerRoutes routes, UriTemplates served, String mcpPath) {
        routes.route(request -> true, (request, response) -> {
            var path = request.fullPath();
            var template = served.templateOf(path);
            var error = UriTemplates.UNMATCHED.equals(template)
                    ? ApiErrors.error(
                            404,
                            "not_found",
                            "nothing is served at " + path + ": the HTTP API has GET /actions, POST /action/trigger, "
                                    + "GET /executions/{id} and more (docs/http-api.md); MCP clients connect to "
                                    + mcpPath,
                            "input",
                            List.of())
                    : methodNotAllowed(template, request);
            return HttpApi.error(response, error);
        });
    }

    /** {@code 405 method_not_allowed}: {@code template} is served, but not with the request's method. */
    static ApiErrors.ApiError methodNotAllowed(String template, HttpServerRequest request) {
        return ApiErrors.error(
                405,
                "method_not_allowed",
                template + " does not take " + request.method().name() + " (asked: "
                        + request.method().name() + " " + request.fullPath()
                        + "); docs/http-api.md lists the methods of each endpoint",
                "input",
                List.of());
    }
}
