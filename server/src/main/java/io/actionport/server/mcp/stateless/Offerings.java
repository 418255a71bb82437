package io.actionport.server.mcp.stateless;

import io.actionport.server.runner.ProgressListener;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bundles' prompts, resources and completions as the stateless era serves them, in MCP's wire
 * shapes. Protocol faults fail with the SDK's {@code McpError}, whose code is the one to send.
 */
public interface Offerings {

    /** {@code {"resources": [...]}} */
    ObjectNode listResources();

    /** {@code {"resourceTemplates": [...]}}, the execution template included. */
    ObjectNode listResourceTemplates();

    /** {@code {"contents": [...]}} of a bundle's resource, or empty when no bundle offers it. */
    Mono<Optional<ObjectNode>> readResource(String uri, String connectionId);

    /** {@code {"prompts": [...]}} */
    ObjectNode listPrompts();

    /** {@code {"description", "messages"}}; {@code arguments} may be null. */
    Mono<ObjectNode> getPrompt(String name, JsonNode arguments, ProgressListener client);

    /** {@code {"completion": {values, total, hasMore}}} for params {@code {ref, argument}}. */
    Mono<ObjectNode> complete(JsonNode params);
}
