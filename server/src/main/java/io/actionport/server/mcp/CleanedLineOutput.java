package io.actionport.server.mcp;

import io.actionport.server.mcp.transport.OutboundErrors;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stdio door's output, one JSON-RPC message a line: error answers the SDK writes on its own
 * pass through {@link OutboundErrors}, as they do over Streamable HTTP. Everything else is written
 * as it came.
 */
final class CleanedLineOutput extends LineOutput {

    private final OutputStream out;
    private final McpJsonMapper jsonMapper;

    CleanedLineOutput(OutputStream out, McpJsonMapper jsonMapper) {
        this.out = out;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void line(String text) throws IOException {
        out.write(clean(text).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    private String clean(String message) {
        // Only error answers can need it; everything else skips the parse.
        if (!message.contains("\"error\"")) {
            return message;
        }
        try {
            var parsed = McpSchema.deserializeJsonRpcMessage(jsonMapper, message);
            var cleaned = OutboundErrors.clean(parsed);
            return cleaned == parsed ? message : jsonMapper.writeValueAsString(cleaned);
        } catch (IOException | RuntimeException e) {
            return message;
        }
    }
}
