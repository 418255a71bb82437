package io.actionport.server.runner;

import io.actionport.server.store.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request an action sends to its caller's client through the server: an elicitation, a sampling
 * request or a roots listing, as MCP names them.
 *
 * @param key names the request within the call: the same request gets the same key each time the
 *     action runs
 * @param method {@code elicitation/create}, {@code sampling/createMessage} or {@code roots/list}
 * @param params the MCP params of that method
 * @param capability the client capability it needs: {@code elicitation}, {@code sampling} or {@code roots}
 */
public record ClientRequest(String key, String method, ObjectNode params, String capability) {

    static ClientRequest elicitation(String key, String message, ObjectNode requestedSchema) {
        var params = Json.MAPPER.createObjectNode().put("mode", "form").put("message", message);
        params.set("requestedSchema", requestedSchema);
        return new ClientRequest(key, "elicitation/create", params, "elicitation");
    }

    static ClientRequest sampling(String key, String prompt, int maxTokens) {
        var params = Json.MAPPER.createObjectNode();
        var message = params.putArray("messages").addObject().put("role", "user");
        message.putObject("content").put("type", "text").put("text", prompt);
        params.put("maxTokens", maxTokens);
        return new ClientRequest(key, "sampling/createMessage", params, "sampling");
    }

    static ClientRequest roots(String key) {
        return new ClientRequest(key, "roots/list", Json.MAPPER.createObjectNode(), "roots");
    }

    /** The code an action gets when its caller cannot answer this kind of request. */
    public String unavailableCode() {
        return capability + "_unavailable";
    }
}
