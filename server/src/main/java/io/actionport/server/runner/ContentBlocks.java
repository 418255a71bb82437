package io.actionport.server.runner;

import io.actionport.sdk.Content;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The content blocks one attempt adds beside its output, and their size as they go on the wire
 * (text as UTF-8, bytes as base64). Past {@code cap} bytes, blocks are only counted, not kept: the
 * attempt fails at the cap anyway, and an action cannot fill the heap first.
 */
final class ContentBlocks {

    private final long cap;
    private final List<Content> kept = new ArrayList<>();
    private long bytes;

    ContentBlocks(long cap) {
        this.cap = cap;
    }

    synchronized void add(Content... blocks) {
        Objects.requireNonNull(blocks, "addContent: blocks");
        for (var block : blocks) {
            Objects.requireNonNull(block, "addContent: a content block is null");
            bytes += bytes(block);
            if (bytes <= cap) {
                kept.add(block);
            }
        }
    }

    synchronized List<Content> blocks() {
        return List.copyOf(kept);
    }

    /** The size of every block added, kept or not. */
    synchronized long bytes() {
        return bytes;
    }

    static long bytes(Content block) {
        return switch (block) {
            case Content.Text text -> utf8(text.text());
            case Content.Image image -> image.base64().length() + utf8(image.mimeType());
            case Content.Audio audio -> audio.base64().length() + utf8(audio.mimeType());
            case Content.Resource resource ->
                utf8(resource.uri()) + utf8(resource.mimeType()) + utf8(resource.text()) + utf8(resource.base64());
            case Content.Link link ->
                utf8(link.uri())
                        + utf8(link.name())
                        + utf8(link.title())
                        + utf8(link.description())
                        + utf8(link.mimeType());
        };
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
