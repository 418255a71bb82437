package io.actionport.server.runner;

import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.CallerCannotAnswerException;

/**
 * The confirmation a destructive action asks for before it runs ({@code confirmBeforeRunning}):
 * shown to the human behind an MCP client; a refusal stops the call before anything happens.
 */
final class Confirmations {

    private Confirmations() {}

    @SuppressWarnings("unchecked")
    static <I> void confirm(ActionDescriptor<I, ?> descriptor, Object input, ActionContext context) {
        if (descriptor.confirmation() == null) {
            return;
        }
        var question = descriptor.confirmation().apply((I) input);
        try {
            if (!context.confirm(question)) {
                throw new ActionException(
                        "not_confirmed",
                        descriptor.qualifiedName() + " did not run: the confirmation was declined (" + question + ")");
            }
        } catch (CallerCannotAnswerException e) {
            context.log().info("ran without confirmation ({}): this caller cannot be asked", question);
        }
    }
}
