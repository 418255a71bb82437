package io.actionport.sdk;

/**
 * What a running action can use besides its input: identity, the provider, logging, progress,
 * content for MCP clients, and questions to the caller's client ({@link ClientQuestions}).
 */
public interface ActionContext extends ClientQuestions {

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

    /**
     * Adds content blocks that an MCP client receives beside the output when this call succeeds,
     * e.g. a chart: {@code context.addContent(Content.image(png, "image/png"))}. The output record,
     * its schema and the stored output are unchanged; HTTP and job callers, and later reads of the
     * execution, get only the output. The serialized output and the content together are capped at
     * 2 MB; link large files with {@link Content#link} instead of embedding them. Blocks added by a
     * failed attempt are dropped.
     */
    void addContent(Content... blocks);
}
