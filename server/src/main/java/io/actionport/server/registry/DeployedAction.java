package io.actionport.server.registry;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.server.schema.CompiledSchema;

/**
 * An action live in an environment, with its schemas compiled.
 *
 * @param environment the environment
 * @param bundleName the bundle it came from
 * @param action the action
 * @param inputSchema the input schema
 * @param outputSchema the output schema
 */
public record DeployedAction(
        String environment,
        String bundleName,
        Action<Object, Object> action,
        CompiledSchema inputSchema,
        CompiledSchema outputSchema) {

    public ActionDescriptor<Object, Object> descriptor() {
        return action.descriptor();
    }

    public String integration() {
        return descriptor().integration();
    }

    public String name() {
        return descriptor().name();
    }

    public String qualifiedName() {
        return descriptor().qualifiedName();
    }
}
