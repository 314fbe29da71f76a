package dev.switchboard.transport;

import dev.switchboard.kernel.ConfigKey;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * MCP over stdio: one session, newline-delimited JSON in, newline-delimited JSON out. Requests of
 * the stateless era (their {@code _meta} names the protocol version) are served beside it, without
 * the session, as over HTTP.
 *
 * <p>Many handler threads write at once, so every message is written whole under one lock: a line
 * is never interleaved with another, and a burst of lines shares one flush (the failure the official Java SDK shows under concurrent
 * writes). Lines are read as bytes and decoded by the codec, so invalid UTF-8 gets a -32700 like
 * any other malformed line, and the loop goes on. End of input ends the session and {@link #run}.
 */
public final class StdioTransport {
    /** Lines above this are refused with -32600 (and skipped), so one bad line cannot exhaust the heap. */
    public static final ConfigKey<Integer> MAX_LINE_BYTES = ConfigKey.integer("stdio.maxLineBytes", 4 * 1024 * 1024, 1_024, 256 * 1024 * 1024,
            "stdin lines above this are refused with -32600");
    /** At end of input, requests still running get this long to answer before the session ends. */
    public static final ConfigKey<Long> DRAIN_TIMEOUT_MS = ConfigKey.longInteger("stdio.drainTimeoutMs", 30_000, 0, 3_600_000,
            "at end of stdin, how long requests still running may take to answer before the session ends");
    /** Every stdio key, for {@link dev.switchboard.kernel.Config#load}. */
    public static final List<ConfigKey<?>> KEYS = List.of(MAX_LINE_BYTES, DRAIN_TIMEOUT_MS);

    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;
    private final long drainTimeoutMillis;
    /** Fair, so the writer that finds others queued behind it can leave the flush to the last of them. */
    private final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock(true);
    /** Requests handed to the engine and not yet answered; end of input waits for them (bounded). */
    private final java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
    private final Object drained = new Object();

    /** Serves over {@code in} and {@code out} with lines of up to 4 MiB. */
    public StdioTransport(SessionHost host, JsonRpcCodec codec, InputStream in, OutputStream out) {
        this(host, codec, in, out, MAX_LINE_BYTES.defaultValue());
    }

    public StdioTransport(SessionHost host, JsonRpcCodec codec, InputStream in, OutputStream out, int maxLineBytes) {
        this(host, codec, in, out, maxLineBytes, DRAIN_TIMEOUT_MS.defaultValue());
    }

    public StdioTransport(SessionHost host, JsonRpcCodec codec, InputStream in, OutputStream out, int maxLineBytes, long drainTimeoutMillis) {
        this.host = host;
        this.codec = codec;
        this.in = in;
        this.out = new java.io.BufferedOutputStream(out, 64 * 1024);
        this.maxLineBytes = maxLineBytes;
        this.drainTimeoutMillis = drainTimeoutMillis;
    }

    /**
     * Serves until end of input, then ends the session once the requests still running have
     * answered (at most {@code stdio.drainTimeoutMs}): a client that writes its requests and closes
     * stdin, as a shell pipe does, still gets every answer.
     */
    public void run() throws IOException {
        ServerSession session = switch (host.open("stdio")) {
            case SessionHost.Opened.Session s -> s.session();
            case SessionHost.Opened.Full f -> throw new IllegalStateException("cannot open the stdio session: " + f.reason());
        };
        session.attach(message -> {
            write(message);
            return true;
        });
        Exchange exchange = new Exchange() {
            @Override public void send(byte[] message) { write(message); }
            @Override public void respond(byte[] response) { write(response); }
            @Override public void abandon() {}
            @Override public Map<String, List<String>> headers() { return Map.of(); }
        };
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        boolean tooLong = false;
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') continue;
                    if (!tooLong) line.write(buf, start, i - start);
                    if (tooLong || line.size() > maxLineBytes) refuseLongLine(line);
                    else handleLine(session, line, exchange);
                    tooLong = false;
                    start = i + 1;
                }
                if (!tooLong) line.write(buf, start, n - start);
                if (line.size() > maxLineBytes) {
                    // drop what we have and skip to the next newline, answering once it arrives
                    tooLong = true;
                    line.reset();
                }
            }
            if (tooLong) refuseLongLine(line);
            else if (line.size() > 0) handleLine(session, line, exchange);
            awaitOutstanding();
        } finally {
            host.end(session.id());
        }
    }

    private void awaitOutstanding() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(drainTimeoutMillis);
        synchronized (drained) {
            try {
                for (long left = drainTimeoutMillis; outstanding.get() > 0 && left > 0; left = (deadline - System.nanoTime()) / 1_000_000)
                    drained.wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The exchange of one request: answers are written like everything else, and counted as done. */
    private Exchange forRequest() {
        outstanding.incrementAndGet();
        return new Exchange() {
            private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

            @Override public void send(byte[] message) { write(message); }

            @Override
            public void respond(byte[] response) {
                try {
                    write(response);
                } finally {
                    finish();
                }
            }

            @Override public void abandon() { finish(); }

            @Override public Map<String, List<String>> headers() { return Map.of(); }

            private void finish() {
                if (done.compareAndSet(false, true) && outstanding.decrementAndGet() == 0)
                    synchronized (drained) {
                        drained.notifyAll();
                    }
            }
        };
    }

    private void refuseLongLine(ByteArrayOutputStream line) {
        line.reset();
        write(codec.encodeError(null, JsonRpc.Error.invalidRequest("Line exceeds " + maxLineBytes + " bytes (stdio.maxLineBytes); it was skipped")));
    }

    private void handleLine(ServerSession session, ByteArrayOutputStream line, Exchange exchange) {
        byte[] bytes = line.toByteArray();
        line.reset();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') len--;
        if (isBlank(bytes, len)) return;
        switch (codec.decode(bytes, 0, len)) {
            // refused at the door, as over HTTP: the engine never sees a line it cannot read
            case Decoded.Failure f -> {
                if (f.replyExpected()) write(codec.encodeError(f));
            }
            // 2026-07-28 on stdio: each request carries its version in _meta and needs no initialize
            case Decoded.Request r when Era.of(r) == Era.STATELESS -> host.handleStateless(r, forRequest());
            case Decoded.Request r -> session.handle(r, forRequest());
            case Decoded d -> session.handle(d, exchange);
        }
    }

    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) if (b[i] != ' ' && b[i] != '\t') return false;
        return true;
    }

    /**
     * Writes one message as a line. Notifications in bursts (progress, a resource update fanned
     * out) share flushes: a writer that sees others waiting for the lock leaves the flush to them,
     * so the last writer of a burst flushes everything once, and a lone writer flushes at once.
     */
    private void write(byte[] message) {
        writeLock.lock();
        try {
            out.write(message);
            out.write('\n');
            if (!writeLock.hasQueuedThreads()) out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("stdout closed", e);
        } finally {
            writeLock.unlock();
        }
    }
}
