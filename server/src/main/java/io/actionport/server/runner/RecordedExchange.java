package io.actionport.server.runner;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One provider exchange as a dry run records it: what the action asked for (never the credentials
 * the client added) and what the provider answered, secrets redacted.
 *
 * @param request method, path, query and body, as the action sent them
 * @param response status, headers and body
 * @param elapsedMillis how long it took
 */
public record RecordedExchange(Request request, Response response, long elapsedMillis) {

    /** The action's request. */
    public record Request(String method, String path, Map<String, String> query, JsonNode body) {}

    /** The provider's answer; the body is JSON when the provider sent JSON, else a string. */
    public record Response(int status, Map<String, String> headers, JsonNode body) {}
}
