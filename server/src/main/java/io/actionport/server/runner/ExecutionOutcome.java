package io.actionport.server.runner;

import io.actionport.sdk.Content;
import io.actionport.server.registry.DeployedAction;
import io.actionport.server.schema.Violation;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.ExecutionStatus;
import io.actionport.server.store.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** How an execution ended: with an output or with an error. */
public sealed interface ExecutionOutcome {

    /** The execution's id. */
    String executionId();

    /** The action that ran, or null for an outcome read back from the store. */
    DeployedAction action();

    /** The outcome a finished record holds, for replaying a result (idempotency keys, polling). */
    static ExecutionOutcome of(ExecutionRecord record) {
        if (record.status() == ExecutionStatus.SUCCEEDED) {
            return new Succeeded(record.id(), null, Json.MAPPER.readTree(record.output()), record.output(), List.of());
        }
        var details = record.errorDetails() == null
                ? Json.MAPPER.createObjectNode()
                : Json.MAPPER.readTree(record.errorDetails());
        var kind = record.status() == ExecutionStatus.CANCELLED
                ? ErrorKind.CANCELLED
                : details.has("kind")
                        ? ErrorKind.valueOf(details.get("kind").asString().toUpperCase(Locale.ROOT))
                        : ErrorKind.CRASH;
        var violations = new ArrayList<Violation>();
        details.path("violations")
                .forEach(v -> violations.add(new Violation(
                        v.path("pointer").asString(),
                        v.path("keyword").asString(null),
                        v.path("message").asString())));
        Integer providerStatus =
                details.has("provider_status") ? details.get("provider_status").asInt() : null;
        var code = record.errorCode() == null ? "failed" : record.errorCode();
        var message = record.errorMessage() == null ? "the execution failed" : record.errorMessage();
        return new Failed(record.id(), null, new ExecutionError(kind, code, message, violations, providerStatus));
    }

    /**
     * The action returned an output that passed its schema and, with its content, the size cap.
     *
     * @param outputJson {@code output} as JSON text, as the record stores it and MCP's text content
     *     carries it: the runner has it from checking the output's size, so nobody writes it again
     * @param content the content blocks the action added for MCP clients; empty when it added none,
     *     and for an outcome read back from the store, which keeps only the output
     */
    record Succeeded(
            String executionId, DeployedAction action, JsonNode output, String outputJson, List<Content> content)
            implements ExecutionOutcome {

        public Succeeded {
            outputJson = outputJson == null ? output.toString() : outputJson;
            content = content == null ? List.of() : List.copyOf(content);
        }

        /** A success whose output's JSON text is written from {@code output}. */
        public Succeeded(String executionId, DeployedAction action, JsonNode output, List<Content> content) {
            this(executionId, action, output, null, content);
        }

        /** The same outcome carrying {@code blocks}, e.g. content handed over in memory to a waiting caller. */
        public Succeeded withContent(List<Content> blocks) {
            return new Succeeded(executionId, action, output, outputJson, blocks);
        }
    }

    /** The action failed; the execution record holds the same error. */
    record Failed(String executionId, DeployedAction action, ExecutionError error) implements ExecutionOutcome {}
}
