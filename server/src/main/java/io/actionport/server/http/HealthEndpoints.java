package io.actionport.server.http;

import io.actionport.server.health.Readiness;
import io.actionport.server.store.Json;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code /health/live} (the process answers), {@code /health/ready} (it can serve: 503 naming the
 * failed check otherwise) and {@code /health}, an alias of ready. None needs a key.
 */
public final class HealthEndpoints {

    private final Readiness readiness;

    public HealthEndpoints(Readiness readiness) {
        this.readiness = readiness;
    }

    public void register(HttpServerRoutes routes) {
        routes.get(
                        "/health/live",
                        (request, response) -> HttpApi.json(
                                response, 200, Json.MAPPER.createObjectNode().put("status", "live")))
                .get("/health/ready", (request, response) -> ready(response))
                .get("/health", (request, response) -> ready(response));
    }

    private Mono<Void> ready(HttpServerResponse response) {
        return readiness.check().flatMap(report -> {
            var body = Json.MAPPER.createObjectNode().put("status", report.ready() ? "ok" : "unavailable");
            var checks = body.putObject("checks");
            report.checks()
                    .forEach(check -> checks.putObject(check.name())
                            .put("ok", check.passed())
                            .put("detail", check.detail()));
            return HttpApi.json(response, report.ready() ? 200 : 503, body);
        });
    }
}
