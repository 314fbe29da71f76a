package dev.switchboard.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Blocking HTTP/1.1 exchanges for the abusers' set-up (initialize, subscribe, the ticker): one
 * request written, one Content-Length answer read. The measured load never goes through here.
 */
final class RawExchange {
    private RawExchange() {}

    static byte[] post(URI url, String session, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + url.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "MCP-Protocol-Version: " + Requests.PROTOCOL_VERSION + "\r\n" + (session == null ? "" : "Mcp-Session-Id: " + session + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head8.length + body.length];
        System.arraycopy(head8, 0, out, 0, head8.length);
        System.arraycopy(body, 0, out, head8.length, body.length);
        return out;
    }

    /** Opens a session on {@code s}: initialize, then notifications/initialized; answers its id. */
    static String initialize(Socket s, URI url) throws IOException {
        s.getOutputStream().write(post(url, null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + Requests.PROTOCOL_VERSION + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"sb-abuse\",\"version\":\"1\"}}}"));
        String session = read(s, true);
        if (session == null) throw new IOException("initialize answered without Mcp-Session-Id");
        s.getOutputStream().write(post(url, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        read(s, false);
        return session;
    }

    static void call(Socket s, URI url, String session, String method, String params) throws IOException {
        s.getOutputStream().write(post(url, session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"));
        read(s, false);
    }

    /** Reads one answer; fails on a status other than 200 or 202; answers the session id header when asked. */
    private static String read(Socket s, boolean wantSession) throws IOException {
        InputStream in = s.getInputStream();
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200") && !status.startsWith("HTTP/1.1 202")) throw new IOException("answered '" + status + "'");
        int length = 0;
        String session = null;
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) length = Integer.parseInt(l.substring(colon + 1).trim());
            else if (name.equals("mcp-session-id")) session = l.substring(colon + 1).trim();
            else if (name.equals("transfer-encoding")) throw new IOException("a streamed answer where one JSON answer was expected");
        }
        in.skipNBytes(length);
        return wantSession ? session : null;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("connection closed");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
