package io.actionport.server.runner;

import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionLogger;
import io.actionport.sdk.ConnectionInfo;
import io.actionport.sdk.Content;
import io.actionport.sdk.Elicitation;
import io.actionport.sdk.ProgressReporter;
import io.actionport.sdk.ProviderClient;
import io.actionport.sdk.Root;
import io.actionport.sdk.Sampled;
import java.util.List;

/** The {@link ActionContext} of one running execution. */
record RunningContext(
        String executionId,
        ConnectionInfo connection,
        ProviderClient provider,
        ActionLogger log,
        ProgressReporter progress,
        ContentBlocks content,
        ClientRequests requests)
        implements ActionContext {

    @Override
    public <T> Elicitation<T> elicit(String message, Class<T> type) {
        return requests.elicit(message, type);
    }

    @Override
    public Elicitation<java.util.Map<String, Object>> elicit(
            String message, java.util.Map<String, Object> requestedSchema) {
        return requests.elicit(message, requestedSchema);
    }

    @Override
    public io.actionport.sdk.Answers askAll(io.actionport.sdk.Ask... questions) {
        return requests.askAll(questions);
    }

    @Override
    public Sampled sample(String prompt, int maxTokens) {
        return requests.sample(prompt, maxTokens);
    }

    @Override
    public List<Root> roots() {
        return requests.roots();
    }

    @Override
    public void addContent(Content... blocks) {
        content.add(blocks);
    }
}
