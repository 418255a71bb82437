package io.actionport.server.runner;

import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionLogger;
import io.actionport.sdk.ConnectionInfo;
import io.actionport.sdk.Content;
import io.actionport.sdk.ProgressReporter;
import io.actionport.sdk.ProviderClient;

/** The {@link ActionContext} of one running execution. */
record RunningContext(
        String executionId,
        ConnectionInfo connection,
        ProviderClient provider,
        ActionLogger log,
        ProgressReporter progress,
        ContentBlocks content)
        implements ActionContext {

    @Override
    public void addContent(Content... blocks) {
        content.add(blocks);
    }
}
