package io.actionport.server.runner;

import tools.jackson.databind.JsonNode;

/**
 * A caller's answer to an elicitation, as MCP carries it.
 *
 * @param action {@code accept}, {@code decline} or {@code cancel}
 * @param content the form's values when accepted, else null
 */
public record ElicitationAnswer(String action, JsonNode content) {}
