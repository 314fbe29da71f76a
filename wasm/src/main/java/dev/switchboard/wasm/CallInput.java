package dev.switchboard.wasm;

import java.io.InputStream;

/**
 * A pooled instance's stdin: WASI binds the stream once, at instantiation, so each call swaps
 * in its own bytes instead of building a new WASI context.
 */
final class CallInput extends InputStream {
    private byte[] bytes = new byte[0];
    private int position;

    void set(byte[] next) {
        bytes = next;
        position = 0;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (position >= bytes.length) return -1;
        int n = Math.min(len, bytes.length - position);
        System.arraycopy(bytes, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return bytes.length - position;
    }
}
