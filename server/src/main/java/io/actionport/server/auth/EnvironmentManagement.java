package io.actionport.server.auth;

import io.actionport.server.store.EnvironmentStore;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creating and deleting environments, and who may. Any admin key may create an environment: the new
 * one starts empty and its first keys are returned once, to the creator only, so a key of one
 * environment never reaches another's data. Only admin keys of the environment that created one may
 * delete it, never their own, and not while it holds deployments, connections or executions unless
 * forced.
 */
public final class EnvironmentManagement {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final EnvironmentStore environments;
    private final KeyManagement keys;
    private final Runnable afterDelete;

    /**
     * @param afterDelete what else must forget a deleted environment (the live registry)
     */
    public EnvironmentManagement(EnvironmentStore environments, KeyManagement keys, Runnable afterDelete) {
        this.environments = environments;
        this.keys = keys;
        this.afterDelete = afterDelete;
    }

    /** A new environment and its first keys, with their secrets: the only time they are shown. */
    public record Created(String name, KeyManagement.IssuedKey admin, KeyManagement.IssuedKey caller) {}

    public Created create(Principal principal, String name) {
        KeyRoles.requireAdmin(principal, "creating an environment");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ManagementException(
                    400,
                    "invalid_environment",
                    "an environment name is 1 to 32 lowercase letters, digits or '-', starting with a letter; was '"
                            + name + "'");
        }
        environments.create(name, principal.environment());
        var admin = keys.create(name, KeyRole.ADMIN, "first admin key", List.of(), null);
        var caller = keys.create(name, KeyRole.CALLER, "first caller key", List.of(), null);
        return new Created(name, admin, caller);
    }

    /** The caller's environment and those it created. */
    public List<EnvironmentStore.Environment> list(Principal principal) {
        KeyRoles.requireAdmin(principal, "listing environments");
        return environments.visibleTo(principal.environment());
    }

    public void delete(Principal principal, String name, boolean force) {
        KeyRoles.requireAdmin(principal, "deleting an environment");
        if (name.equals(principal.environment())) {
            throw new ManagementException(
                    409,
                    "own_environment",
                    "a key cannot delete its own environment '" + name
                            + "'; use an admin key of the environment that created it");
        }
        var environment = environments
                .find(name)
                .orElseThrow(
                        () -> new ManagementException(404, "unknown_environment", "no environment '" + name + "'"));
        if (!principal.environment().equals(environment.createdBy())) {
            throw new AuthException(
                    403,
                    "not_creator",
                    "environment '" + name + "' can be deleted only by an admin key of the environment that created it"
                            + (environment.createdBy() == null
                                    ? "; it was set up by the server, not created over the API"
                                    : " ('" + environment.createdBy() + "')"));
        }
        var contents = environments.contents(name);
        if (!force && !contents.isEmpty()) {
            throw new ManagementException(
                    409,
                    "environment_not_empty",
                    "environment '" + name + "' holds " + contents.deployments() + " deployments, "
                            + contents.connections() + " connections and " + contents.executions()
                            + " executions; delete with force (?force=true, or --force) to destroy them too");
        }
        environments.delete(name);
        afterDelete.run();
    }
}
