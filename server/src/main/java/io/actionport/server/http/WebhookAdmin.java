package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.auth.Principal;
import io.actionport.server.egress.EgressPolicy;
import io.actionport.server.store.Json;
import io.actionport.server.store.WebhookStore;
import io.actionport.server.webhook.WebhookSigner;
import java.net.URI;
import java.net.URISyntaxException;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/** The caller's environment's completion webhook: set, shown (never its secret), removed. */
final class WebhookAdmin {

    private final WebhookStore webhooks;
    private final EgressPolicy egress;
    private final AdminAudit audit;

    WebhookAdmin(WebhookStore webhooks, EgressPolicy egress, AdminAudit audit) {
        this.webhooks = webhooks;
        this.egress = egress;
        this.audit = audit;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.get("/webhook", api.admin("reading the completion webhook", this::show))
                .put("/webhook", api.adminPrincipal("setting the completion webhook", this::set))
                .delete("/webhook", api.adminPrincipal("removing the completion webhook", this::remove));
    }

    private Mono<Void> show(String environment, HttpServerRequest request, HttpServerResponse response) {
        return Blocking.call(() -> webhooks.find(environment)
                        .map(webhook -> Json.MAPPER.createObjectNode().put("url", webhook.url()))
                        .orElseThrow(() -> new ApiErrors.NotFoundException(
                                "no_webhook", "environment " + environment + " has no completion webhook")))
                .flatMap(body -> HttpApi.json(response, 200, body));
    }

    private Mono<Void> set(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        return RequestBodies.read(request, 16 * 1024)
                .flatMap(bytes -> Blocking.call(() -> {
                    var body = bytes.length == 0 ? null : Json.REQUESTS.readTree(bytes);
                    if (body == null || !body.isObject()) {
                        throw new ApiErrors.BadRequestException(
                                "invalid_webhook", "send {\"url\": \"https://...\", \"secret\": \"whsec_...\"}");
                    }
                    var url = BodyFields.optional(body, "url", 2048);
                    var secret = BodyFields.optional(body, "secret", 256);
                    if (url == null) {
                        throw new ApiErrors.BadRequestException(
                                "invalid_webhook", "send {\"url\": \"https://...\", \"secret\": \"whsec_...\"}");
                    }
                    egress.checkUrl("webhook url", url);
                    requireUrl(url);
                    try {
                        new WebhookSigner(secret);
                    } catch (IllegalArgumentException e) {
                        throw new ApiErrors.BadRequestException("invalid_webhook", e.getMessage());
                    }
                    webhooks.set(environment, new WebhookStore.Webhook(url, secret));
                    // The host only: a receiver's path or query may carry a token.
                    audit.done(principal, "webhook.set", URI.create(url).getHost());
                    return Json.MAPPER.createObjectNode().put("url", url);
                }))
                .flatMap(body -> HttpApi.json(response, 200, body));
    }

    private static void requireUrl(String url) {
        try {
            if (new URI(url).getHost() == null) {
                throw new ApiErrors.BadRequestException("invalid_webhook", "url needs a host, was '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new ApiErrors.BadRequestException(
                    "invalid_webhook", "url is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private Mono<Void> remove(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        return Blocking.call(() -> {
                    webhooks.remove(principal.environment());
                    audit.done(principal, "webhook.remove", null);
                    return Json.MAPPER.createObjectNode().put("removed", true);
                })
                .flatMap(body -> HttpApi.json(response, 200, body));
    }
}
