package io.actionport.server.it;

import java.io.InputStream;
import java.util.Arrays;

/** A stream of {@code length} zero bytes, made as they are read: a large upload that costs the test no memory. */
final class ZeroBytes extends InputStream {

    private long left;

    ZeroBytes(long length) {
        this.left = length;
    }

    @Override
    public int read() {
        return left-- > 0 ? 0 : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(length, left);
        Arrays.fill(buffer, offset, offset + n, (byte) 0);
        left -= n;
        return n;
    }
}
