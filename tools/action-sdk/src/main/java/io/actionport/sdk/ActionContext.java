package io.actionport.sdk;

/** What a running action can use besides its input: identity, the provider, logging, progress. */
public interface ActionContext {

    /** The id of this execution, stable across retries. */
    String executionId();

    /** The connection this execution runs with; never its credentials. */
    ConnectionInfo connection();

    /** An HTTP client for the connection's provider that adds its base URL and credentials. */
    ProviderClient provider();

    /** A logger whose lines are stored with the execution. */
    ActionLogger log();

    /** Reports progress to callers that asked for it; a no-op for the others. */
    ProgressReporter progress();
}
