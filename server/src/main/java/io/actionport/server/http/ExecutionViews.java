package io.actionport.server.http;

import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.Json;
import io.actionport.server.store.LogLine;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The JSON view of an execution record, shared by the HTTP API and the MCP result resources. */
public final class ExecutionViews {

    private ExecutionViews() {}

    /** One log line as JSON: {@code at}, {@code level}, {@code message}, and {@code fields} when it has any. */
    public static ObjectNode logLine(LogLine line) {
        var node = Json.MAPPER
                .createObjectNode()
                .put("at", line.at().toString())
                .put("level", line.level())
                .put("message", line.message());
        if (!line.fields().isEmpty()) {
            node.set("fields", Json.MAPPER.valueToTree(line.fields()));
        }
        return node;
    }

    public static ObjectNode view(ExecutionRecord record, List<LogLine> logs) {
        var view = Json.MAPPER.createObjectNode();
        view.put("id", record.id());
        view.put("status", record.status().wireName());
        view.put("action", record.qualifiedAction());
        view.put("action_version", record.actionVersion());
        view.put("environment", record.environment());
        view.put("connection_id", record.connectionId());
        view.put("caller", record.caller());
        if (record.endUser() != null) {
            view.put("end_user_id", record.endUser());
        }
        view.put("attempts", record.attempts());
        view.put("created_at", String.valueOf(record.createdAt()));
        view.put(
                "started_at",
                record.startedAt() == null ? null : record.startedAt().toString());
        view.put(
                "finished_at",
                record.finishedAt() == null ? null : record.finishedAt().toString());
        view.set("input", Json.MAPPER.readTree(record.input()));
        if (record.output() != null) {
            view.set("output", Json.MAPPER.readTree(record.output()));
        }
        if (record.errorCode() != null) {
            var error = view.putObject("error");
            error.put("code", record.errorCode());
            error.put("message", record.errorMessage());
            if (record.errorDetails() != null) {
                error.setAll((ObjectNode) Json.MAPPER.readTree(record.errorDetails()));
            }
        }
        var lines = view.putArray("logs");
        logs.forEach(line -> lines.add(logLine(line)));
        return view;
    }
}
