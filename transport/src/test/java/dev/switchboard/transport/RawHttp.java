package dev.switchboard.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** HTTP/1.1 by hand, for what {@link java.net.http.HttpClient} will not send: pipelining, Host, Connection, HTTP/1.0. */
final class RawHttp implements AutoCloseable {
    record Response(int status, Map<String, String> headers, String body) {}

    final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
        socket.setSoTimeout(10_000);
    }

    /** Over a socket the caller connected (with its own buffer sizes or timeouts). */
    RawHttp(Socket connected) throws IOException {
        socket = connected;
        in = socket.getInputStream();
    }

    static String post(String session, String body, String... extraHeaderLines) {
        StringBuilder b = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
                .append("Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2025-11-25\r\n");
        if (session != null) b.append("Mcp-Session-Id: ").append(session).append("\r\n");
        for (String h : extraHeaderLines) b.append(h).append("\r\n");
        return b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body).toString();
    }

    void write(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads one response with a Content-Length or chunked body. */
    Response read() throws IOException {
        String head = line();
        int status = Integer.parseInt(head.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else {
            body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** Reads raw bytes (headers, chunk sizes and all) until they contain {@code marker}; for streams that stay open. */
    String readUntil(String marker) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.UTF_8).contains(marker)) {
            int c = in.read();
            if (c < 0) throw new IOException("connection closed before '" + marker + "' after '" + b + "'");
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Reads everything until the server closes the connection: a close-delimited body, head and all. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (end of stream before any further byte). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("connection closed mid-response after '" + b + "'");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
