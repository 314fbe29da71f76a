package dev.switchboard.transport;

import dev.switchboard.mcp.Exchange;
import dev.switchboard.mcp.JsonRpcCodec;
import dev.switchboard.mcp.ServerSession;
import dev.switchboard.mcp.SessionHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * MCP over stdio: one session, newline-delimited JSON in, newline-delimited JSON out.
 *
 * <p>Many handler threads write at once, so every message is written whole under one lock: a line
 * is never interleaved with another (the failure the official Java SDK shows under concurrent
 * writes). Lines are read as bytes and decoded by the codec, so invalid UTF-8 gets a -32700 like
 * any other malformed line, and the loop goes on. End of input ends the session and {@link #run}.
 */
public final class StdioTransport {
    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();

    public StdioTransport(SessionHost host, JsonRpcCodec codec, InputStream in, OutputStream out) {
        this.host = host;
        this.codec = codec;
        this.in = in;
        this.out = out;
    }

    /** Serves until end of input. */
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
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') continue;
                    line.write(buf, start, i - start);
                    handleLine(session, line, exchange);
                    start = i + 1;
                }
                line.write(buf, start, n - start);
            }
            if (line.size() > 0) handleLine(session, line, exchange);
        } finally {
            host.end(session.id());
        }
    }

    private void handleLine(ServerSession session, ByteArrayOutputStream line, Exchange exchange) {
        byte[] bytes = line.toByteArray();
        line.reset();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') len--;
        if (isBlank(bytes, len)) return;
        session.handle(codec.decode(bytes, 0, len), exchange);
    }

    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) if (b[i] != ' ' && b[i] != '\t') return false;
        return true;
    }

    private void write(byte[] message) {
        synchronized (writeLock) {
            try {
                out.write(message);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("stdout closed", e);
            }
        }
    }
}
