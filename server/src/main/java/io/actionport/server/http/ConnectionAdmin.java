package io.actionport.server.http;

import io.actionport.server.Blocking;
import io.actionport.server.Identifiers;
import io.actionport.server.auth.Principal;
import io.actionport.server.egress.EgressPolicy;
import io.actionport.server.store.AuthScheme;
import io.actionport.server.store.Connection;
import io.actionport.server.store.ConnectionStore;
import io.actionport.server.store.Integration;
import io.actionport.server.store.Json;
import io.actionport.server.store.OAuth2Client;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Admin endpoints for integrations and connections of the caller's environment; credentials go in, never out. */
final class ConnectionAdmin {

    private static final long BODY_LIMIT = 64 * 1024;
    private static final int URL_LIMIT = 2048;
    private static final int CREDENTIALS_LIMIT = 16 * 1024;
    private static final int METADATA_LIMIT = 8 * 1024;

    private final ConnectionStore store;
    private final EgressPolicy egress;
    private final AdminAudit audit;
    private final ConnectEndpoints connect;

    ConnectionAdmin(ConnectionStore store, EgressPolicy egress, AdminAudit audit, ConnectEndpoints connect) {
        this.store = store;
        this.egress = egress;
        this.audit = audit;
        this.connect = connect;
    }

    void register(HttpServerRoutes routes, HttpApi api) {
        routes.get("/integrations", api.admin("listing integrations", this::listIntegrations))
                .put("/integrations/{key}", api.adminPrincipal("saving an integration", this::saveIntegration))
                .get("/connections", api.admin("listing connections", this::listConnections))
                .post("/connections", api.adminPrincipal("creating a connection", this::createConnection))
                .put(
                        "/connections/{integration}/{id}",
                        api.adminPrincipal("rotating a connection", this::rotateConnection))
                .delete(
                        "/connections/{integration}/{id}",
                        api.adminPrincipal("deleting a connection", this::deleteConnection));
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

    private Mono<Void> saveIntegration(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var key = Identifiers.requireParameter(
                Identifiers.Kind.INTEGRATION_KEY, "integration key", RequestParameters.path(request, "key"));
        return body(request)
                .flatMap(body -> Blocking.call(() -> {
                    var integration = integration(environment, key, body);
                    store.saveIntegration(integration);
                    audit.done(principal, "integration.set", integration.key());
                    return integration;
                }))
                .flatMap(integration -> HttpApi.json(response, 200, view(integration)));
    }

    private Integration integration(String environment, String key, JsonNode body) {
        var baseUrl = egress.checkUrl("base_url", BodyFields.required(body, "base_url", URL_LIMIT));
        var tokenUrl = BodyFields.optional(body, "token_url", URL_LIMIT);
        if (tokenUrl != null) {
            egress.checkUrl("token_url", tokenUrl);
        }
        // The browser, not this server, goes to the authorization URL: no egress check for it.
        var authorizationUrl = BodyFields.optional(body, "authorization_url", URL_LIMIT);
        var revocationUrl = BodyFields.optional(body, "revocation_url", URL_LIMIT);
        if (revocationUrl != null) {
            egress.checkUrl("revocation_url", revocationUrl);
        }
        var scopes = BodyFields.optional(body, "scopes", URL_LIMIT);
        try {
            var schemeName = BodyFields.optional(body, "auth_scheme", 32);
            var scheme = AuthScheme.fromWireName(schemeName == null ? "none" : schemeName);
            if (scheme != AuthScheme.OAUTH2 && (authorizationUrl != null || revocationUrl != null || scopes != null)) {
                throw new ApiErrors.BadRequestException(
                        "invalid_integration",
                        "authorization_url, scopes and revocation_url are for connect links, which need auth_scheme"
                                + " oauth2 (this integration's is " + scheme.wireName() + ")");
            }
            return new Integration(
                    environment,
                    key,
                    baseUrl,
                    scheme,
                    BodyFields.optional(body, "auth_name", 256),
                    scheme != AuthScheme.OAUTH2 && tokenUrl == null
                            ? null
                            : new OAuth2Client(
                                    tokenUrl == null ? null : url("token_url", tokenUrl),
                                    BodyFields.optional(body, "client_id", 512),
                                    BodyFields.optional(body, "client_secret", 1024),
                                    authorizationUrl == null ? null : url("authorization_url", authorizationUrl),
                                    scopes == null || scopes.isBlank()
                                            ? List.of()
                                            : List.of(scopes.trim().split("\\s+")),
                                    revocationUrl == null ? null : url("revocation_url", revocationUrl)));
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadRequestException("invalid_integration", e.getMessage());
        }
    }

    private static URI url(String field, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ApiErrors.BadRequestException(
                    "invalid_integration",
                    field + " is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
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
            var client = integration.oauth2();
            if (client.authorizationUrl() != null) {
                node.put("authorization_url", client.authorizationUrl().toString());
            }
            if (!client.scopes().isEmpty()) {
                node.put("scopes", String.join(" ", client.scopes()));
            }
            if (client.revocationUrl() != null) {
                node.put("revocation_url", client.revocationUrl().toString());
            }
        }
        return node;
    }

    private Mono<Void> listConnections(String environment, HttpServerRequest request, HttpServerResponse response) {
        var integration = Identifiers.optionalHeader(
                Identifiers.Kind.INTEGRATION_KEY,
                "Provider-Config-Key",
                HttpApi.header(request, "Provider-Config-Key"));
        var endUser = RequestParameters.query(request, "end_user_id");
        if (endUser != null) {
            Identifiers.requireParameter(Identifiers.Kind.END_USER_ID, "end_user_id", endUser);
        }
        return Blocking.call(() -> {
                    var list = Json.MAPPER.createArrayNode();
                    store.list(environment, integration).stream()
                            .filter(connection -> endUser == null || endUser.equals(connection.endUser()))
                            .forEach(connection -> list.add(view(connection)));
                    return list;
                })
                .flatMap(list -> HttpApi.json(
                        response, 200, Json.MAPPER.createObjectNode().set("connections", list)));
    }

    private Mono<Void> createConnection(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        return body(request)
                .flatMap(body -> Blocking.call(() -> {
                    var integration = Identifiers.requireParameter(
                            Identifiers.Kind.INTEGRATION_KEY, "integration", BodyFields.unchecked(body, "integration"));
                    var connectionId = Identifiers.requireParameter(
                            Identifiers.Kind.CONNECTION_ID,
                            "connection_id",
                            BodyFields.unchecked(body, "connection_id"));
                    var credentials =
                            CredentialValues.check(BodyFields.stringMap(body, "credentials", CREDENTIALS_LIMIT));
                    var metadata = BodyFields.stringMap(body, "metadata", METADATA_LIMIT);
                    if (store.findIntegration(environment, integration).isEmpty()) {
                        throw new ApiErrors.NotFoundException(
                                "unknown_integration",
                                "integration '" + integration + "' is not configured in " + environment
                                        + "; PUT /integrations/" + integration + " first");
                    }
                    var connection = new Connection(environment, integration, connectionId, credentials, metadata);
                    store.create(connection);
                    audit.done(principal, "connection.create", integration + "/" + connectionId);
                    return connection;
                }))
                .flatMap(connection -> HttpApi.json(response, 201, view(connection)));
    }

    /** Replaces a connection's credentials, e.g. a rotated API key or newly granted OAuth2 tokens. */
    private Mono<Void> rotateConnection(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var integration = pathIntegration(request);
        var id = pathConnectionId(request);
        return body(request)
                .flatMap(body -> Blocking.call(() -> {
                    var credentials =
                            CredentialValues.check(BodyFields.stringMap(body, "credentials", CREDENTIALS_LIMIT));
                    if (credentials.isEmpty()) {
                        throw new ApiErrors.BadRequestException(
                                "missing_field", "the body needs \"credentials\": {\"name\": \"value\", ...}");
                    }
                    if (!store.updateCredentials(environment, integration, id, credentials)) {
                        throw new ApiErrors.NotFoundException(
                                "unknown_connection",
                                "connection '" + id + "' of '" + integration + "' does not exist in " + environment);
                    }
                    audit.done(principal, "connection.rotate", integration + "/" + id);
                    return store.find(environment, integration, id).orElseThrow();
                }))
                .flatMap(connection -> HttpApi.json(response, 200, view(connection)));
    }

    private Mono<Void> deleteConnection(Principal principal, HttpServerRequest request, HttpServerResponse response) {
        var environment = principal.environment();
        var integration = pathIntegration(request);
        var id = pathConnectionId(request);
        var revoke = !"false".equals(RequestParameters.query(request, "revoke"));
        return Blocking.call(() -> {
                    boolean deleted = connect.disconnect(environment, integration, id, revoke);
                    if (deleted) {
                        audit.done(principal, "connection.delete", integration + "/" + id);
                    }
                    return deleted;
                })
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
        if (connection.isOwned()) {
            node.put("end_user_id", connection.endUser());
        }
        node.set("metadata", Json.MAPPER.valueToTree(connection.metadata()));
        node.set(
                "credential_names",
                Json.MAPPER.valueToTree(connection.credentials().keySet()));
        return node;
    }

    private static Mono<ObjectNode> body(HttpServerRequest request) {
        return RequestBodies.read(request, BODY_LIMIT).map(bytes -> {
            var node = bytes.length == 0 ? null : Json.REQUESTS.readTree(bytes);
            if (!(node instanceof ObjectNode object)) {
                throw new ApiErrors.BadRequestException("malformed_json", "the request body must be a JSON object");
            }
            return object;
        });
    }

    private static String pathIntegration(HttpServerRequest request) {
        return Identifiers.requireParameter(
                Identifiers.Kind.INTEGRATION_KEY, "integration", RequestParameters.path(request, "integration"));
    }

    private static String pathConnectionId(HttpServerRequest request) {
        return Identifiers.requireParameter(
                Identifiers.Kind.CONNECTION_ID, "connection id", RequestParameters.path(request, "id"));
    }
}
