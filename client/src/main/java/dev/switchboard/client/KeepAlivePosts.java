package dev.switchboard.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/*
 * POSTs over pooled keep-alive HTTP/1.1 sockets, for clients on a hot path (the gateway's pool
 * members). Why not java.net.http.HttpClient for these: measured on loopback, one tools/call
 * through it took 100-300 µs against 40-60 µs over a plain socket, its selector thread and
 * executor handing every exchange between three threads. Only what a POST needs is spoken:
 * a status line, headers, a body by Content-Length, chunked or until close; GETs (the
 * standalone stream, resumption) and DELETE stay on HttpClient. A connection is reused only
 * after its response body was read to the end; a pooled one the server closed while idle is
 * replaced once, before any byte of its answer was read.
 */
final class KeepAlivePosts implements AutoCloseable {
    /** One answer: its status, headers (names lower case) and body, which returns the connection when read to its end and closed. */
    record Reply(int status, Map<String, String> headers, InputStream body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final URI endpoint;
    private final String host;
    private final int port;
    private final String path;
    private final int timeoutMs;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    KeepAlivePosts(URI endpoint, int timeoutMs) {
        this.endpoint = endpoint;
        this.host = endpoint.getHost();
        this.port = endpoint.getPort() > 0 ? endpoint.getPort() : 80;
        String p = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        this.path = endpoint.getRawQuery() == null ? p : p + "?" + endpoint.getRawQuery();
        this.timeoutMs = timeoutMs;
    }

    /** Sends {@code body} with {@code headers}; the caller closes the reply's body. */
    Reply post(Map<String, String> headers, byte[] body) throws IOException {
        byte[] head = head(headers, body.length);
        for (int attempt = 0; ; attempt++) {
            Connection c = attempt == 0 ? idle.pollFirst() : null;
            boolean reused = c != null;
            if (c == null) c = new Connection(open());
            try {
                c.out.write(head);
                c.out.write(body);
                c.out.flush();
                return c.reply();
            } catch (EOFException | java.net.SocketException e) {
                c.close();
                // the server closed a connection that sat in the pool: it never read this request
                if (reused && !c.answered && !Thread.currentThread().isInterrupted()) continue;
                throw e;
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), timeoutMs);
        s.setSoTimeout(timeoutMs);
        return s;
    }

    private byte[] head(Map<String, String> headers, int length) {
        StringBuilder b = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nContent-Length: ").append(length).append("\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        return b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.pollFirst()) != null; ) c.close();
    }

    /** One socket; {@link #reply} reads one answer's head and frames its body. */
    private final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        boolean answered;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        Reply reply() throws IOException {
            answered = false;
            String status = line();
            answered = true;
            if (!status.startsWith("HTTP/1.") || status.length() < 12)
                throw new IOException("POST " + endpoint + ": not an HTTP/1.x status line: " + status);
            int code = Integer.parseInt(status.substring(9, 12));
            Map<String, String> headers = new java.util.HashMap<>();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                if (colon > 0) headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            boolean keep = !"close".equalsIgnoreCase(headers.get("connection"));
            String length = headers.get("content-length");
            InputStream body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = new ChunkedBody(in);
            else if (length != null) body = new BoundedBody(in, Long.parseLong(length));
            else if (code == 204 || code == 304 || code / 100 == 1) body = new BoundedBody(in, 0);
            else {
                body = in; // until the server closes
                keep = false;
            }
            return new Reply(code, headers, new Returning(body, keep));
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) throw new EOFException("POST " + endpoint + ": the server closed the connection");
                if (c != '\r') b.append((char) c);
            }
            return b.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        /** The body as the caller reads it; closing it pools the connection when the body was read to its end. */
        private final class Returning extends java.io.FilterInputStream {
            private final boolean keep;
            private boolean done;

            Returning(InputStream body, boolean keep) {
                super(body);
                this.keep = keep;
            }

            @Override
            public void close() {
                if (done) return;
                done = true;
                boolean ended;
                try {
                    ended = keep && in instanceof Framed f && f.ended();
                } catch (RuntimeException e) {
                    ended = false;
                }
                if (ended && !closed && !Thread.currentThread().isInterrupted()) idle.addFirst(Connection.this);
                else Connection.this.close();
            }
        }
    }

    /** A body with a known end. */
    private interface Framed {
        boolean ended();
    }

    private static final class BoundedBody extends InputStream implements Framed {
        private final InputStream in;
        private long left;

        BoundedBody(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int c = in.read();
            if (c < 0) throw new EOFException("the body ended early");
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("the body ended early");
            left -= n;
            return n;
        }

        @Override
        public boolean ended() {
            return left == 0;
        }
    }

    /** Transfer-Encoding: chunked, decoded. */
    private static final class ChunkedBody extends InputStream implements Framed {
        private final InputStream in;
        private long left;
        private boolean last;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        private boolean next() throws IOException {
            if (last) return false;
            if (left > 0) return true;
            String size = line();
            if (size.isEmpty()) size = line(); // the CRLF after the previous chunk's data
            int semi = size.indexOf(';');
            left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (left == 0) {
                while (!line().isEmpty()) {
                    // trailers, ignored
                }
                last = true;
                return false;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!next()) return -1;
            int c = in.read();
            if (c < 0) throw new EOFException("the chunked body ended early");
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!next()) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("the chunked body ended early");
            left -= n;
            return n;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(16);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) throw new EOFException("the chunked body ended early");
                if (c != '\r') b.append((char) c);
            }
            return b.toString();
        }

        @Override
        public boolean ended() {
            return last;
        }
    }

    static boolean timedOut(IOException e) {
        return e instanceof SocketTimeoutException;
    }
}
