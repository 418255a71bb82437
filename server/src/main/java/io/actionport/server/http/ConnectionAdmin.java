package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.egress.EgressPolicy;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.Integration;
import io.actionport.server.store.Json;
import io.actionport.server.store.OAuth2Client;
import java.net.URI;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Admin endpoints for integrations and connections of the caller's environment; credentials go in, never out. */
final class ConnectionAdmin {

    private static final long BODY_LIMIT = 64 * 1024;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final ConnectionStore store;
    private final EgressPolicy egress;

    ConnectionAdmin(ConnectionStore store, EgressPolicy egress) {
        this.store = store;
        this.egress = egress;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.get("/integrations", api.admin("listing integrations", this::listIntegrations))
                .put("/integrations/{key}", api.admin("saving an integration", this::saveIntegration))
                .get("/connections", api.admin("listing connections", this::listConnections))
                .post("/connections", api.admin("creating a connection", this::createConnection))
                .put("/connections/{integration}/{id}", api.admin("rotating a connection", this::rotateConnection))
                .delete("/connections/{integration}/{id}", api.admin("deleting a connection", this::deleteConnection));
    }

    private Mono<Void> listIntegrations(String environment, HttpServerRequest request, HttpServerResponse response) {
        return Blocking.call(() -> {
                    var list = Json.MAPPER.createArrayNode();
                    store.integrations(environment).forEach(integration -> list.add(view(integration)));
                    return list;
                })
                .flatMap(list -> HttpApi.json(
                        response, 200, Json.MAPPER.createObjectNode().set("integrations", list)));
    }

    private Mono<Void> saveIntegration(String environment, HttpServerRequest request, HttpServerResponse response) {
        var key = request.param("key");
        return body(request)
                .flatMap(body -> Blocking.call(() -> {
                    var integration = integration(environment, key, body);
                    store.saveIntegration(integration);
                    return integration;
                }))
                .flatMap(integration -> HttpApi.json(response, 200, view(integration)));
    }

    private Integration integration(String environment, String key, JsonNode body) {
        var baseUrl = egress.checkUrl("base_url", required(body, "base_url"));
        var tokenUrl = text(body, "token_url", null);
        if (tokenUrl != null) {
            egress.checkUrl("token_url", tokenUrl);
        }
        try {
            var scheme = AuthScheme.fromWireName(text(body, "auth_scheme", "none"));
            return new Integration(
                    environment,
                    key,
                    baseUrl,
                    scheme,
                    text(body, "auth_name", null),
                    scheme != AuthScheme.OAUTH2 && tokenUrl == null
                            ? null
                            : new OAuth2Client(
                                    tokenUrl == null ? null : URI.create(tokenUrl),
                                    text(body, "client_id", null),
                                    text(body, "client_secret", null)));
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadRequestException("invalid_integration", e.getMessage());
        }
    }

    /** An integration as the API shows it: the client secret never, only whether there is one. */
    private static ObjectNode view(Integration integration) {
        var node = Json.MAPPER
                .createObjectNode()
                .put("key", integration.key())
                .put("base_url", integration.baseUrl().toString())
                .put("auth_scheme", integration.authScheme().wireName())
                .put("auth_name", integration.authName());
        if (integration.oauth2() != null) {
            node.put("token_url", integration.oauth2().tokenUrl().toString())
                    .put("client_id", integration.oauth2().clientId())
                    .put("has_client_secret", integration.oauth2().clientSecret() != null);
        }
        return node;
    }

    private Mono<Void> listConnections(String environment, HttpServerRequest request, HttpServerResponse response) {
        var integration = HttpApi.header(request, "Provider-Config-Key");
        return Blocking.call(() -> {
                    var list = Json.MAPPER.createArrayNode();
                    store.list(environment, integration).forEach(connection -> list.add(view(connection)));
                    return list;
                })
                .flatMap(list -> HttpApi.json(
                        response, 200, Json.MAPPER.createObjectNode().set("connections", list)));
    }

    private Mono<Void> createConnection(String environment, HttpServerRequest request, HttpServerResponse response) {
        return body(request)
                .flatMap(body -> Blocking.call(() -> {
                    var integration = required(body, "integration");
                    if (store.findIntegration(environment, integration).isEmpty()) {
                        throw new ApiErrors.NotFoundException(
                                "unknown_integration",
                                "integration '" + integration + "' is not configured in " + environment
                                        + "; PUT /integrations/" + integration + " first");
                    }
                    var connection = new Connection(
                            environment,
                            integration,
                            required(body, "connection_id"),
                            map(body, "credentials"),
                            map(body, "metadata"));
                    store.create(connection);
                    return connection;
                }))
                .flatMap(connection -> HttpApi.json(response, 201, view(connection)));
    }

    /** Replaces a connection's credentials, e.g. a rotated API key or newly granted OAuth2 tokens. */
    private Mono<Void> rotateConnection(String environment, HttpServerRequest request, HttpServerResponse response) {
        var integration = request.param("integration");
        var id = request.param("id");
        return body(request)
                .flatMap(body -> Blocking.call(() -> {
                    var credentials = map(body, "credentials");
                    if (credentials.isEmpty()) {
                        throw new ApiErrors.BadRequestException(
                                "missing_field", "the body needs \"credentials\": {\"name\": \"value\", ...}");
                    }
                    if (!store.updateCredentials(environment, integration, id, credentials)) {
                        throw new ApiErrors.NotFoundException(
                                "unknown_connection",
                                "connection '" + id + "' of '" + integration + "' does not exist in " + environment);
                    }
                    return store.find(environment, integration, id).orElseThrow();
                }))
                .flatMap(connection -> HttpApi.json(response, 200, view(connection)));
    }

    private Mono<Void> deleteConnection(String environment, HttpServerRequest request, HttpServerResponse response) {
        var integration = request.param("integration");
        var id = request.param("id");
        return Blocking.call(() -> store.delete(environment, integration, id))
                .flatMap(deleted -> deleted
                        ? HttpApi.json(
                                response, 200, Json.MAPPER.createObjectNode().put("deleted", id))
                        : HttpApi.error(
                                response,
                                ApiErrors.of(new ApiErrors.NotFoundException(
                                        "unknown_connection",
                                        "connection '" + id + "' of '" + integration + "' does not exist in "
                                                + environment))));
    }

    private static ObjectNode view(Connection connection) {
        var node = Json.MAPPER
                .createObjectNode()
                .put("integration", connection.integration())
                .put("connection_id", connection.connectionId());
        node.set("metadata", Json.MAPPER.valueToTree(connection.metadata()));
        node.set(
                "credential_names",
                Json.MAPPER.valueToTree(connection.credentials().keySet()));
        return node;
    }

    private static Mono<ObjectNode> body(HttpServerRequest request) {
        return RequestBodies.read(request, BODY_LIMIT).map(bytes -> {
            var node = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
            if (!(node instanceof ObjectNode object)) {
                throw new ApiErrors.BadRequestException("malformed_json", "the request body must be a JSON object");
            }
            return object;
        });
    }

    private static String required(JsonNode body, String field) {
        var value = text(body, field, null);
        if (value == null) {
            throw new ApiErrors.BadRequestException("missing_field", "the body needs a string \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode body, String field, String fallback) {
        var value = body.get(field);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    private static Map<String, String> map(JsonNode body, String field) {
        var value = body.get(field);
        return value == null || value.isNull() ? Map.of() : Json.MAPPER.convertValue(value, STRING_MAP);
    }
}
