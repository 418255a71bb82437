package io.actionport.server.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundErrorsTest {

    @Test
    void an_internal_error_loses_the_exception_text_and_gets_an_error_id() {
        var sdkError = JSONRPCResponse.error(
                7,
                new JSONRPCError(
                        ErrorCodes.INTERNAL_ERROR,
                        "Cannot deserialize value of type `java.util.Map` from Array value",
                        "tools.jackson.databind.exc.MismatchedInputException: at [Source: UNKNOWN]"));

        var cleaned = (JSONRPCResponse) OutboundErrors.clean(sdkError);

        assertThat(cleaned.id()).isEqualTo(7);
        assertThat(cleaned.error().code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(cleaned.error().message())
                .startsWith("Internal error: the server failed unexpectedly (error id E-")
                .doesNotContain("deserialize")
                .doesNotContain("java.");
        assertThat(((Map<?, ?>) cleaned.error().data()).keySet().toString()).isEqualTo("[error_id]");
    }

    @Test
    void the_sdks_unknown_tool_error_names_the_tool() {
        var sdkError = JSONRPCResponse.error(
                3,
                new JSONRPCError(ErrorCodes.INVALID_PARAMS, "Unknown tool: invalid_tool_name", "Tool not found: nope"));

        var cleaned = (JSONRPCResponse) OutboundErrors.clean(sdkError);

        assertThat(cleaned.error().message()).isEqualTo("Unknown tool 'nope'; tools/list shows the available tools");
    }

    @Test
    void results_and_other_errors_pass_unchanged() {
        McpSchema.JSONRPCMessage result = JSONRPCResponse.result(1, Map.of("ok", true));
        McpSchema.JSONRPCMessage invalid =
                JSONRPCResponse.error(2, new JSONRPCError(ErrorCodes.INVALID_PARAMS, "Invalid params: x", null));

        assertThat(OutboundErrors.clean(result)).isSameAs(result);
        assertThat(OutboundErrors.clean(invalid)).isSameAs(invalid);
    }
}
