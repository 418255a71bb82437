package io.actionport.server.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An output of one message a line: each line written, without its newline, goes to {@link #line}. */
abstract class LineOutput extends OutputStream {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** Handles one complete line. */
    protected abstract void line(String text) throws IOException;

    @Override
    public synchronized void write(int b) throws IOException {
        if (b == '\n') {
            line(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }
}
