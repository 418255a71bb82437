package io.actionport.server.mcp;

import io.actionport.server.Identifiers;
import io.actionport.server.Identifiers.Kind;
import io.actionport.server.auth.EndUsers;
import io.actionport.server.http.HttpApi;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/** The MCP request headers that name things in the store, checked before the request is served. */
final class ScopeHeaders {

    private ScopeHeaders() {}

    static void check(HttpHeaders headers) {
        // Each at most once, as on the HTTP API: which of two values counts would be a guess.
        for (var header : List.of(
                "Authorization", SessionScope.INTEGRATION, SessionScope.CONNECTION, HttpApi.ENVIRONMENT_HEADER)) {
            HttpApi.single(headers, header);
        }
        optional(Kind.INTEGRATION_KEY, SessionScope.INTEGRATION, headers);
        optional(Kind.CONNECTION_ID, SessionScope.CONNECTION, headers);
        optional(Kind.END_USER_ID, EndUsers.HEADER, headers);
        optional(Kind.ENVIRONMENT, HttpApi.ENVIRONMENT_HEADER, headers);
    }

    private static void optional(Kind kind, String header, HttpHeaders headers) {
        var value = headers.get(header);
        if (value != null && !value.isBlank()) {
            Identifiers.requireHeader(kind, header, value.trim());
        }
    }
}
