package dev.switchboard.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that POSTs MCP messages and reads the answers, with as little
 * client work as possible so a benchmark on the same machine measures the server. Only what our
 * server sends is understood: a status line, headers with Content-Length, a body.
 */
final class KeepAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String port;
    private String session;

    KeepAliveConnection(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.port = Integer.toString(port);
    }

    /** Initializes a session on this connection. */
    void initialize() throws IOException {
        post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
        if (session == null) throw new IOException("the server sent no Mcp-Session-Id");
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** Sends one message and reads its answer; returns the HTTP status. */
    int post(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
                .append("\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n");
        if (session != null) head.append("Mcp-Session-Id: ").append(session).append("\r\nMCP-Protocol-Version: 2025-11-25\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return readResponse();
    }

    private int readResponse() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        int length = 0;
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon).trim();
            if (name.equalsIgnoreCase("content-length")) length = Integer.parseInt(l.substring(colon + 1).trim());
            else if (name.equalsIgnoreCase("mcp-session-id")) session = l.substring(colon + 1).trim();
        }
        in.skipNBytes(length);
        return code;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed by the server");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
