package io.actionport.server.runner;

import io.actionport.server.connection.ResolvedConnection;
import io.actionport.server.registry.DeployedAction;
import tools.jackson.databind.JsonNode;

/**
 * A call that passed every check made before anything runs: the action exists, the input is
 * valid, the connection resolves.
 *
 * @param environment the environment
 * @param action the deployed action
 * @param input the validated input
 * @param connection the integration and connection to run with
 * @param keyId the public id of the key that asked, or null when no key did
 */
public record PreparedExecution(
        String environment, DeployedAction action, JsonNode input, ResolvedConnection connection, String keyId) {}
