package dev.switchboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/*
 * Lines of bytes off a stream, none kept longer than a limit. Why not BufferedReader.readLine:
 * it holds a whole line in memory however long it grows, so one agent writing a gigabyte without
 * a newline takes the gateway's heap with it. Here a line past the limit is reported as too long
 * with only the limit's worth held; the caller then either gives up on the stream or skips to the
 * line's end, looking at each byte as it passes (stdio finds the response's id that way).
 * Lines end at \n (and, for event streams, at \r or \r\n); a trailing \r is dropped either way.
 */
final class BoundedLines {
    /** What {@link #next} returns for a line longer than the limit; {@link #skipRest} reads on past it. */
    static final byte[] TOO_LONG = new byte[0];

    /** Sees each byte of a line being skipped. */
    interface ByteSink {
        void accept(byte b);
    }

    private final InputStream in;
    private final int max;
    private final boolean crEnds;
    private final byte[] buf = new byte[16 * 1024];
    private int pos, lim;
    private byte[] line = new byte[1024];
    private int length;
    private boolean afterCr;

    /**
     * @param max    the longest line returned, in bytes
     * @param crEnds true for text/event-stream, where a lone \r also ends a line
     */
    BoundedLines(InputStream in, int max, boolean crEnds) {
        this.in = in;
        this.max = max;
        this.crEnds = crEnds;
    }

    /** The next line without its end, {@link #TOO_LONG} when it passed the limit, or null at the end of the stream. */
    byte[] next() throws IOException {
        length = 0;
        while (true) {
            if (pos == lim && !fill()) return length == 0 ? null : copy(); // an unterminated last line still counts
            byte b = buf[pos++];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') continue; // the \n of a \r\n whose \r already ended the line
            }
            if (b == '\n') return copy();
            if (b == '\r' && crEnds) {
                afterCr = true;
                return copy();
            }
            if (length == max) {
                pos--; // this byte belongs to the rest of the line
                return TOO_LONG;
            }
            if (length == line.length) line = Arrays.copyOf(line, (int) Math.min(max, line.length * 2L));
            line[length++] = b;
        }
    }

    /** The bytes held of the line {@link #next} reported too long: its first {@code max}. */
    byte[] prefix() {
        return Arrays.copyOf(line, length);
    }

    /**
     * Reads the rest of a line that was too long, handing each byte to {@code sink}.
     *
     * @return the line's whole length, or -1 when the stream ended first or {@code cap} bytes passed without its end
     */
    long skipRest(ByteSink sink, long cap) throws IOException {
        long seen = length;
        while (seen < cap) {
            if (pos == lim && !fill()) return -1;
            byte b = buf[pos++];
            if (b == '\n' || b == '\r' && crEnds) {
                afterCr = b == '\r';
                return seen;
            }
            sink.accept(b);
            seen++;
        }
        return -1;
    }

    private byte[] copy() {
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return Arrays.copyOf(line, n);
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) return false;
        pos = 0;
        lim = n;
        return true;
    }
}
