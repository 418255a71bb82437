package io.actionport.server.mcp;

import io.actionport.sdk.Content;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.ProgressListener;
import io.actionport.server.store.ExecutionRecord;
import java.util.List;

/**
 * The listener of an {@code async-when-slow} call on the queue while its caller waits: it passes
 * progress and log lines on until the call answers with a link instead, and keeps the content of a
 * successful attempt, which the store does not, for the answer.
 */
final class WaitingCall implements ProgressListener {

    private final ProgressListener caller;
    private volatile boolean waiting = true;
    private volatile List<Content> content = List.of();

    WaitingCall(ProgressListener caller) {
        this.caller = caller;
    }

    @Override
    public void onProgress(double done, Double total, String message) {
        if (waiting) {
            caller.onProgress(done, total, message);
        }
    }

    @Override
    public void logged(String level, String message) {
        if (waiting) {
            caller.logged(level, message);
        }
    }

    @Override
    public void succeededWith(List<Content> blocks) {
        content = blocks;
    }

    /** The caller got its answer (a link): nothing more goes to it. */
    void answered() {
        waiting = false;
    }

    /** How the finished execution ended, with the content this node kept of it. */
    ExecutionOutcome outcome(ExecutionRecord finished) {
        var outcome = ExecutionOutcome.of(finished);
        return outcome instanceof ExecutionOutcome.Succeeded ok ? ok.withContent(content) : outcome;
    }
}
