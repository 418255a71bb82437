package io.actionport.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything the server needs to know about an action besides its code.
 *
 * @param integration the provider config key this action belongs to, e.g. {@code github}
 * @param name the action name, unique within its integration, e.g. {@code create-issue}
 * @param version the action's own version, e.g. {@code 1.0.0}
 * @param title a short human title for tool pickers
 * @param description what the action does, written for a model choosing a tool
 * @param inputType the input record
 * @param outputType the output record
 * @param hints read-only, idempotent, destructive and open-world hints
 * @param mode how callers receive the result
 * @param timeout how long one attempt may run
 * @param retryPolicy how failed attempts are retried; only idempotent actions may retry
 * @param syncBudget for {@code async-when-slow}: how long an MCP caller waits before getting a
 *     link to the result instead; null for the server's default
 * @param confirmation for a destructive action: what to show the human, from the input, before it
 *     runs (see {@link Builder#confirmBeforeRunning}); null for no confirmation
 * @param firstQuestion for a background action: what to ask an MCP client that takes tasks before
 *     its task is created (see {@link Builder#askBeforeRunning}); null for nothing
 * @param tasksRequired for a background action: whether MCP clients must follow it as a task
 *     (see {@link Builder#requireTasks})
 */
public record ActionDescriptor<I, O>(
        String integration,
        String name,
        String version,
        String title,
        String description,
        Class<I> inputType,
        Class<O> outputType,
        ActionHints hints,
        ExecutionMode mode,
        Duration timeout,
        RetryPolicy retryPolicy,
        Duration syncBudget,
        Function<I, String> confirmation,
        Function<I, Ask> firstQuestion,
        boolean tasksRequired) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public ActionDescriptor {
        requireName("integration", integration);
        requireName("name", name);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(outputType, "outputType");
        Objects.requireNonNull(hints, "hints");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException(
                    "action " + integration + "/" + name + " needs a description: models choose tools by it");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("action " + integration + "/" + name + " needs a positive timeout");
        }
        if (confirmation != null && !hints.destructive()) {
            throw new IllegalArgumentException("action " + integration + "/" + name
                    + " asks for confirmation but is not marked destructive: give it destructive hints");
        }
        if ((firstQuestion != null || tasksRequired) && mode == ExecutionMode.SYNC) {
            throw new IllegalArgumentException("action " + integration + "/" + name
                    + " asks before running or requires tasks, which only a background action does: give it mode "
                    + "ASYNC or ASYNC_WHEN_SLOW");
        }
        if (retryPolicy.maxAttempts() > 1 && !hints.idempotent()) {
            throw new IllegalArgumentException("action " + integration + "/" + name
                    + " retries but is not idempotent: retried writes duplicate side effects");
        }
    }

    /** Starts a descriptor with the required parts; the rest has safe defaults. */
    public static <I, O> Builder<I, O> builder(
            String integration, String name, Class<I> inputType, Class<O> outputType) {
        return new Builder<>(integration, name, inputType, outputType);
    }

    /** The qualified name, {@code integration/name}. */
    public String qualifiedName() {
        return integration + "/" + name;
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " '" + value + "' must match " + NAME.pattern() + " (lowercase, digits, '-' and '_')");
        }
    }

    /** Builds a descriptor; defaults: version 1.0.0, sync, 30 s timeout, no retries, a write. */
    public static final class Builder<I, O> {
        private final String integration;
        private final String name;
        private final Class<I> inputType;
        private final Class<O> outputType;
        private String version = "1.0.0";
        private String title;
        private String description;
        private ActionHints hints = ActionHints.WRITE;
        private ExecutionMode mode = ExecutionMode.SYNC;
        private Duration timeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.none();
        private Duration syncBudget;
        private Function<I, String> confirmation;
        private Function<I, Ask> firstQuestion;
        private boolean tasksRequired;

        private Builder(String integration, String name, Class<I> inputType, Class<O> outputType) {
            this.integration = integration;
            this.name = name;
            this.inputType = inputType;
            this.outputType = outputType;
        }

        public Builder<I, O> version(String version) {
            this.version = version;
            return this;
        }

        public Builder<I, O> title(String title) {
            this.title = title;
            return this;
        }

        public Builder<I, O> description(String description) {
            this.description = description;
            return this;
        }

        public Builder<I, O> hints(ActionHints hints) {
            this.hints = hints;
            return this;
        }

        public Builder<I, O> mode(ExecutionMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder<I, O> timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder<I, O> retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder<I, O> syncBudget(Duration syncBudget) {
            this.syncBudget = syncBudget;
            return this;
        }

        /**
         * Before each run, asks the human behind an MCP client to confirm what the action will do,
         * described from its input, e.g. {@code input -> "Delete issue #" + input.number() + "?"}.
         * A declined confirmation ends the call with code {@code not_confirmed} before the action
         * runs. Callers nobody can ask (HTTP, jobs, background runs, clients without elicitation)
         * run it unasked, and its log says so. Only for actions with destructive hints.
         */
        public Builder<I, O> confirmBeforeRunning(Function<I, String> confirmation) {
            this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
            return this;
        }

        /**
         * For a background action: asks an MCP client that takes tasks a question before its task
         * is created, e.g. {@code input -> Ask.form("Which project?", Project.class)}, as the
         * tasks extension recommends for input a task cannot start without. The action reads the
         * answer by asking the same question ({@code context.elicit} with the same form type), which
         * then answers at once. Callers not asked beforehand are asked when the action asks, if
         * they can be.
         */
        public Builder<I, O> askBeforeRunning(Function<I, Ask> question) {
            this.firstQuestion = Objects.requireNonNull(question, "question");
            return this;
        }

        /**
         * For a background action a caller can only use as a task, e.g. one that asks its client
         * questions while it runs: an MCP client of the stateless era that does not take tasks
         * gets error -32021 naming the tasks extension instead of a link to the result it could
         * not answer for. HTTP callers, jobs and session-era clients are unaffected.
         */
        public Builder<I, O> requireTasks() {
            this.tasksRequired = true;
            return this;
        }

        public ActionDescriptor<I, O> build() {
            return new ActionDescriptor<>(
                    integration,
                    name,
                    version,
                    title == null ? name : title,
                    description,
                    inputType,
                    outputType,
                    hints,
                    mode,
                    timeout,
                    retryPolicy,
                    syncBudget,
                    confirmation,
                    firstQuestion,
                    tasksRequired);
        }
    }
}
