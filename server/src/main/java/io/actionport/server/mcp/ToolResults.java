package io.actionport.server.mcp;

import io.actionport.sdk.ActionException;
import io.actionport.server.ActionportException;
import io.actionport.server.InternalErrors;
import io.actionport.server.mcp.transport.OutboundErrors;
import io.actionport.server.registry.AmbiguousActionException;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.runner.InputRequiredException;
import io.actionport.server.runner.InvalidInputException;
import io.actionport.server.runner.UnknownActionException;
import io.actionport.server.schema.Violation;
import io.actionport.server.store.ExecutionRecord;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * The MCP door's one mapping from runner results to tool results: a success carries structured
 * content and the action's content blocks, or, when it added none, the same JSON as text; a failure the model can act on is an {@code isError} result
 * that says what to fix; a protocol fault (unknown tool) is a JSON-RPC error.
 */
final class ToolResults {

    private ToolResults() {}

    static CallToolResult of(ExecutionOutcome outcome) {
        return switch (outcome) {
            case ExecutionOutcome.Succeeded ok ->
                CallToolResult.builder()
                        .structuredContent(ok.output())
                        .content(
                                ok.content().isEmpty()
                                        ? List.of(new McpSchema.TextContent(ok.outputJson()))
                                        : ToolContents.of(ok.content()))
                        .isError(false)
                        .build();
            case ExecutionOutcome.Failed failed -> {
                var error = failed.error();
                var text = new StringBuilder()
                        .append(error.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .append(" error (")
                        .append(error.code())
                        .append("): ")
                        .append(error.message())
                        .append(" [execution ")
                        .append(failed.executionId())
                        .append(']');
                yield errorResult(text.toString());
            }
        };
    }

    /** The URI of an execution's result resource. */
    static String resourceUri(String executionId) {
        return EXECUTION_URI_PREFIX + executionId;
    }

    static final String EXECUTION_URI_PREFIX = "actionport://executions/";

    /** An execution accepted to run in the background: a link to its result, and how to get it. */
    static CallToolResult accepted(ExecutionRecord record) {
        var uri = resourceUri(record.id());
        var execution = Json.MAPPER
                .createObjectNode()
                .put("id", record.id())
                .put("status", record.status().wireName())
                .put("resource_uri", uri);
        var structured = Json.MAPPER.createObjectNode();
        structured.set("execution", execution);
        return CallToolResult.builder()
                .structuredContent(structured)
                .addContent(McpSchema.ResourceLink.builder()
                        .uri(uri)
                        .name("execution " + record.id())
                        .title(record.qualifiedAction() + " result")
                        .description("Status, then output or error, of execution " + record.id())
                        .mimeType("application/json")
                        .build())
                .addTextContent(
                        "Started " + record.actionName() + " as execution " + record.id()
                                + "; it runs in the background. Read the resource " + uri + " (resources/read) for its "
                                + "status and result, or subscribe to it (resources/subscribe) to be notified when it finishes.")
                .isError(false)
                .build();
    }

    /** A failure before anything ran: input problems as readable results, protocol faults as errors. */
    static Mono<CallToolResult> ofFailure(String toolName, Throwable failure) {
        return switch (failure) {
            case InvalidInputException e ->
                Mono.just(errorResult("Invalid arguments for tool '" + toolName
                        + "'. Fix these and call again:\n"
                        + e.violations().stream().map(ToolResults::line).collect(Collectors.joining("\n"))));
            case UnknownActionException e -> Mono.error(unknownTool(toolName, e.getMessage()));
            case AmbiguousActionException e -> Mono.error(unknownTool(toolName, e.getMessage()));
            case ActionportException e
            when !InternalErrors.STORE_ERROR.equals(e.code()) ->
                Mono.just(errorResult(e.code() + ": " + e.getMessage()));
            case McpError e -> Mono.error(e);
            // Asked before a task was created: a question for the client, or an answer that did not fit.
            case InputRequiredException e -> Mono.just(errorResult("input_required: " + e.getMessage()));
            case ActionException e -> Mono.just(errorResult(e.code() + ": " + e.getMessage()));
            default -> {
                var report = InternalErrors.report("tool " + toolName, failure);
                yield Mono.just(errorResult(report.code() + ": " + report.message()));
            }
        };
    }

    static McpError unknownTool(String toolName, String why) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                .message(OutboundErrors.unknownTool(toolName))
                .data(why)
                .build();
    }

    private static String line(Violation violation) {
        var where = violation.pointer().isEmpty() ? "(the arguments object)" : violation.pointer();
        return "- " + where + ": " + violation.message();
    }

    private static CallToolResult errorResult(String text) {
        return CallToolResult.builder().addTextContent(text).isError(true).build();
    }
}
