package io.actionport.sdk;

/**
 * Thrown by {@link ActionContext#elicit}, {@link ActionContext#sample} and {@link
 * ActionContext#roots} when the caller cannot answer: the call came over HTTP or a job, runs in the
 * background, or its MCP client did not declare the capability (elicitation, sampling, roots).
 * Catch it to go on without the answer; left uncaught, the execution fails with its code
 * ({@code elicitation_unavailable}, {@code sampling_unavailable} or {@code roots_unavailable}).
 */
public final class CallerCannotAnswerException extends ActionException {

    public CallerCannotAnswerException(String code, String message) {
        super(code, message);
    }
}
