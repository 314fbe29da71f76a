package dev.switchboard.wasm;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pooled instance's stdout or stderr, bounded. Past the cap it either stops the module (stdout:
 * {@link OutputCapExceeded} unwinds out of the WebAssembly call, since WASI's {@code fd_write}
 * turns only {@code IOException}s into an errno) or drops the rest and counts it (stderr, which
 * only feeds the log).
 */
final class CallOutput extends OutputStream {
    private final int cap;
    private final boolean stopAtCap;
    private byte[] buffer = new byte[256];
    private int size;
    private long dropped;

    CallOutput(int cap, boolean stopAtCap) {
        this.cap = cap;
        this.stopAtCap = stopAtCap;
    }

    void reset() {
        size = 0;
        dropped = 0;
        if (buffer.length > 64 * 1024) buffer = new byte[256];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int room = cap - size;
        if (len > room) {
            if (stopAtCap) throw new OutputCapExceeded(cap);
            dropped += len - room;
            len = room;
        }
        if (size + len > buffer.length) buffer = Arrays.copyOf(buffer, Math.min(cap, Math.max(size + len, buffer.length * 2)));
        System.arraycopy(b, off, buffer, size, len);
        size += len;
    }

    int size() {
        return size;
    }

    long dropped() {
        return dropped;
    }

    byte[] bytes() {
        return Arrays.copyOf(buffer, size);
    }

    String text() {
        return new String(buffer, 0, size, StandardCharsets.UTF_8);
    }
}
