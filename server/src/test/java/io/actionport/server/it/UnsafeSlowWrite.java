package io.actionport.server.it;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionDescriptor;
import io.actionport.sdk.ActionHints;
import io.actionport.sdk.Description;
import io.actionport.sdk.ExecutionMode;
import java.time.Duration;

/**
 * A non-idempotent async write on the demo integration that runs until it is killed. Deployed to
 * server processes as a bundle jar ({@link BundleJar}), so it uses nothing but the SDK.
 */
public final class UnsafeSlowWrite implements Action<UnsafeSlowWrite.Note, UnsafeSlowWrite.Note> {

    public record Note(@Description("Anything.") String note) {}

    @Override
    public ActionDescriptor<Note, Note> descriptor() {
        return ActionDescriptor.builder("demo", "unsafe-slow-write", Note.class, Note.class)
                .description("Writes something that must not happen twice, very slowly.")
                .hints(ActionHints.WRITE)
                .mode(ExecutionMode.ASYNC)
                .timeout(Duration.ofMinutes(10))
                .build();
    }

    @Override
    public Note run(Note input, ActionContext context) throws Exception {
        Thread.sleep(Duration.ofMinutes(10));
        return input;
    }
}
