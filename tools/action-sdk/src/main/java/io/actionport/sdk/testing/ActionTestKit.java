package io.actionport.sdk.testing;

import io.actionport.sdk.Action;
import io.actionport.sdk.ActionContext;
import io.actionport.sdk.ActionLogger;
import io.actionport.sdk.ConnectionInfo;
import io.actionport.sdk.Content;
import io.actionport.sdk.ProgressReporter;
import io.actionport.sdk.ProviderClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs an action offline against recorded provider responses, so an action's test is one call:
 * {@code var output = ActionTestKit.replay(new CreateIssue(), input, Path.of("src/test/resources/fixtures/create-issue.json"));}
 */
public final class ActionTestKit {

    private ActionTestKit() {}

    /** Runs {@code action} with {@code input}; provider calls are answered from {@code fixture}. */
    public static <I, O> O replay(Action<I, O> action, I input, Path fixture) {
        return run(action, input, RecordedResponses.from(fixture)).output();
    }

    /**
     * What an offline run returned and logged.
     *
     * @param output the action's output
     * @param logs the lines it logged, as {@code LEVEL message}
     * @param content the content blocks it added for MCP clients, in order
     */
    public record Run<O>(O output, List<String> logs, List<Content> content) {}

    /** Runs {@code action} with {@code input} against any provider client, e.g. {@link RecordedResponses}. */
    public static <I, O> Run<O> run(Action<I, O> action, I input, ProviderClient provider) {
        var logs = new CopyOnWriteArrayList<String>();
        var content = new CopyOnWriteArrayList<Content>();
        var descriptor = action.descriptor();
        var context = new ActionContext() {
            @Override
            public String executionId() {
                return "test-run";
            }

            @Override
            public ConnectionInfo connection() {
                return new ConnectionInfo("test", descriptor.integration(), "test-connection", Map.of());
            }

            @Override
            public ProviderClient provider() {
                return provider;
            }

            @Override
            public ActionLogger log() {
                return new CollectingLogger(logs);
            }

            @Override
            public ProgressReporter progress() {
                return (done, total, message) -> {};
            }

            @Override
            public <T> io.actionport.sdk.Elicitation<T> elicit(String message, Class<T> type) {
                throw new io.actionport.sdk.CallerCannotAnswerException(
                        "elicitation_unavailable", "the test kit has no human to ask: " + message);
            }

            @Override
            public io.actionport.sdk.Elicitation<Map<String, Object>> elicit(
                    String message, Map<String, Object> requestedSchema) {
                throw new io.actionport.sdk.CallerCannotAnswerException(
                        "elicitation_unavailable", "the test kit has no human to ask: " + message);
            }

            @Override
            public io.actionport.sdk.Answers askAll(io.actionport.sdk.Ask... questions) {
                throw new io.actionport.sdk.CallerCannotAnswerException(
                        "elicitation_unavailable", "the test kit has no client to ask");
            }

            @Override
            public io.actionport.sdk.Sampled sample(String prompt, int maxTokens) {
                throw new io.actionport.sdk.CallerCannotAnswerException(
                        "sampling_unavailable", "the test kit has no model to ask: " + prompt);
            }

            @Override
            public List<io.actionport.sdk.Root> roots() {
                throw new io.actionport.sdk.CallerCannotAnswerException(
                        "roots_unavailable", "the test kit has no client roots");
            }

            @Override
            public void addContent(Content... blocks) {
                content.addAll(List.of(blocks));
            }
        };
        try {
            return new Run<>(action.run(input, context), List.copyOf(logs), List.copyOf(content));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(descriptor.qualifiedName() + " failed: " + e.getMessage(), e);
        }
    }

    private record CollectingLogger(List<String> lines) implements ActionLogger {
        @Override
        public void log(String level, String message, Object... args) {
            var text = new StringBuilder();
            int next = 0;
            for (int i = 0; i < message.length(); i++) {
                if (message.startsWith("{}", i) && next < args.length) {
                    text.append(args[next++]);
                    i++;
                } else {
                    text.append(message.charAt(i));
                }
            }
            lines.add(level + " " + text);
        }
    }
}
