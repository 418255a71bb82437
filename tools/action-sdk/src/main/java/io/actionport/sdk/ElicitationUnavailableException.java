package io.actionport.sdk;

/**
 * Thrown by {@link ActionContext#elicit} when no human can answer: the call came over HTTP, runs
 * in the background, or its MCP client does not take elicitation requests. Catch it to go on
 * without the answer; left uncaught, the execution fails with code {@value #CODE}.
 */
public final class ElicitationUnavailableException extends ActionException {

    public static final String CODE = "elicitation_unavailable";

    public ElicitationUnavailableException(String message) {
        super(CODE, message);
    }
}
