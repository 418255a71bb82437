package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionException;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;

/**
 * A sync write on the demo integration that the provider always refuses: an expected failure.
 * Deployed to server processes as a bundle jar ({@link BundleJar}), so it uses nothing but the SDK.
 */
public final class RefusingWrite implements Action<RefusingWrite.Note, RefusingWrite.Note> {

    public record Note(
            @Description("Anything; it is never written.") String note) {}

    @Override
    public ActionDescriptor<Note, Note> descriptor() {
        return ActionDescriptor.builder("demo", "refusing-write", Note.class, Note.class)
                .description("Is always refused by the provider.")
                .hints(ActionHints.WRITE)
                .build();
    }

    @Override
    public Note run(Note input, ActionContext context) throws ActionException {
        throw new ActionException("quota_exceeded", "the provider refused " + input.note() + ": quota exceeded");
    }
}
