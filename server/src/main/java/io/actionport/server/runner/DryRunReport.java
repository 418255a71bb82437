package io.actionport.server.runner;

import io.actionport.server.schema.Violation;
import io.actionport.server.store.LogLine;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a dry run found: everything an author needs to fix an action before deploying it.
 *
 * @param action the action, {@code integration/name}
 * @param inputViolations how the input breaks the input schema
 * @param output the output, or null when the action failed
 * @param outputViolations how the output breaks the output schema
 * @param outputBytes the serialized output's size, against {@link ActionRunner#OUTPUT_CAP_BYTES}
 * @param error why the action failed, or null
 * @param logs what the action logged
 * @param exchanges every provider exchange, in order
 */
public record DryRunReport(
        String action,
        List<Violation> inputViolations,
        JsonNode output,
        List<Violation> outputViolations,
        long outputBytes,
        ExecutionError error,
        List<LogLine> logs,
        List<RecordedExchange> exchanges) {

    /** True when nothing broke a schema or the cap and the action did not fail. */
    public boolean clean() {
        return inputViolations.isEmpty()
                && outputViolations.isEmpty()
                && error == null
                && outputBytes <= ActionRunner.OUTPUT_CAP_BYTES;
    }
}
