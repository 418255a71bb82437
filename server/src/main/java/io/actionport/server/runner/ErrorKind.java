package io.actionport.server.runner;

/** Whose fault a failed execution is, so callers know what to do next. */
public enum ErrorKind {
    /** The provider refused or failed the request: "the provider said". */
    PROVIDER,
    /** The action decided the call cannot succeed, with its own code. */
    ACTION,
    /** The action threw something unexpected: "the action crashed". */
    CRASH,
    /** The action outlived its timeout and was interrupted. */
    TIMEOUT,
    /** The action returned something that breaks its own output schema: the action's bug. */
    INVALID_OUTPUT,
    /** The output is over the size cap; large payloads go through the requests proxy. */
    OUTPUT_TOO_LARGE,
    /** The execution was cancelled before it finished. */
    CANCELLED,
    /** The action asked a question that its caller answers with another call (stateless MCP). */
    INPUT_REQUIRED
}
