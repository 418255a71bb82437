package io.actionport.server.mcp;

import io.actionport.sdk.Content;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** Maps the content blocks an action returned to the MCP content of its tool result. */
final class ToolContents {

    private ToolContents() {}

    static List<McpSchema.Content> of(List<Content> blocks) {
        return blocks.stream().map(ToolContents::of).toList();
    }

    static McpSchema.Content of(Content block) {
        return switch (block) {
            case Content.Text text -> new McpSchema.TextContent(text.text());
            case Content.Image image -> new McpSchema.ImageContent(null, image.base64(), image.mimeType());
            case Content.Audio audio -> new McpSchema.AudioContent(null, audio.base64(), audio.mimeType());
            case Content.Resource resource -> new McpSchema.EmbeddedResource(null, contents(resource));
            case Content.Link link ->
                McpSchema.ResourceLink.builder()
                        .uri(link.uri())
                        .name(link.name())
                        .title(link.title())
                        .description(link.description())
                        .mimeType(link.mimeType())
                        .build();
        };
    }

    private static McpSchema.ResourceContents contents(Content.Resource resource) {
        return resource.text() != null
                ? new McpSchema.TextResourceContents(resource.uri(), resource.mimeType(), resource.text())
                : new McpSchema.BlobResourceContents(resource.uri(), resource.mimeType(), resource.base64());
    }
}
