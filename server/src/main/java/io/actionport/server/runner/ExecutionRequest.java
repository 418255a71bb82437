package io.actionport.server.runner;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A call to run an action, as every door hands it to the runner.
 *
 * @param environment the caller's environment, from its key
 * @param integration the integration the caller is scoped to, or {@code null}
 * @param actionName a bare or qualified ({@code integration/name}) action name
 * @param connectionId the connection to use, or {@code null} for the integration's only one
 * @param input the input JSON, {@code null} meaning an empty object
 * @param caller the door
 * @param progress where progress reports, log lines and content go while the caller waits
 * @param keyId the public id of the caller's key, or {@code null} when no key asked (jobs, stdio)
 * @param endUser the end user the call is made for (an OAuth token's subject, or an id a backend
 *     passes), or {@code null}; it picks and limits the connections the call may use
 */
public record ExecutionRequest(
        String environment,
        String integration,
        String actionName,
        String connectionId,
        JsonNode input,
        Caller caller,
        ProgressListener progress,
        String keyId,
        String endUser) {

    public ExecutionRequest {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(actionName, "actionName");
        Objects.requireNonNull(caller, "caller");
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** A request made for no end user. */
    public ExecutionRequest(
            String environment,
            String integration,
            String actionName,
            String connectionId,
            JsonNode input,
            Caller caller,
            ProgressListener progress,
            String keyId) {
        this(environment, integration, actionName, connectionId, input, caller, progress, keyId, null);
    }

    /** A request with no progress listener. */
    public static ExecutionRequest of(
            String environment,
            String integration,
            String actionName,
            String connectionId,
            JsonNode input,
            Caller caller) {
        return new ExecutionRequest(environment, integration, actionName, connectionId, input, caller, null, null);
    }
}
