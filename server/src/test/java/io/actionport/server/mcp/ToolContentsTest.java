package io.actionport.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.actionport.sdk.Content;
import io.actionport.server.runner.ExecutionOutcome;
import io.actionport.server.store.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolContentsTest {

    @Test
    void each_kind_of_block_becomes_its_mcp_content() {
        var blocks = ToolContents.of(List.of(
                Content.text("hello"),
                Content.image(new byte[] {1, 2, 3}, "image/png"),
                Content.audio(new byte[] {4}, "audio/wav"),
                Content.resource("file:///notes.md", "text/markdown", "# Notes"),
                Content.resource("file:///data.bin", null, new byte[] {5, 6}),
                Content.link("https://example.com/r.pdf", "r.pdf")));

        assertThat(blocks)
                .containsExactly(
                        new McpSchema.TextContent("hello"),
                        new McpSchema.ImageContent(null, "AQID", "image/png"),
                        new McpSchema.AudioContent(null, "BA==", "audio/wav"),
                        new McpSchema.EmbeddedResource(
                                null,
                                new McpSchema.TextResourceContents("file:///notes.md", "text/markdown", "# Notes")),
                        new McpSchema.EmbeddedResource(
                                null, new McpSchema.BlobResourceContents("file:///data.bin", null, "BQY=")),
                        McpSchema.ResourceLink.builder()
                                .uri("https://example.com/r.pdf")
                                .name("r.pdf")
                                .build());
    }

    @Test
    void a_success_with_content_carries_the_blocks_and_no_json_text() {
        var output = Json.MAPPER.readTree("{\"topic\":\"q3\"}");

        var result = ToolResults.of(
                new ExecutionOutcome.Succeeded("e1", null, output, List.of(Content.text("a chart of q3"))));

        assertThat(result.structuredContent()).isEqualTo(output);
        assertThat(result.content()).containsExactly(new McpSchema.TextContent("a chart of q3"));
    }

    @Test
    void a_success_without_content_carries_its_json_as_text() {
        var output = Json.MAPPER.readTree("{\"topic\":\"q3\"}");

        var result = ToolResults.of(new ExecutionOutcome.Succeeded("e1", null, output, List.of()));

        assertThat(result.content()).containsExactly(new McpSchema.TextContent("{\"topic\":\"q3\"}"));
    }

    @Test
    void action_levels_map_to_mcp_levels() {
        assertThat(List.of("DEBUG", "INFO", "WARN", "ERROR", "NOTICE").stream().map(CallNotifications::levelOf))
                .containsExactly(
                        McpSchema.LoggingLevel.DEBUG,
                        McpSchema.LoggingLevel.INFO,
                        McpSchema.LoggingLevel.WARNING,
                        McpSchema.LoggingLevel.ERROR,
                        McpSchema.LoggingLevel.INFO);
    }
}
