package dev.switchboard.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTTP/1.1 requests the generator sends to one endpoint, written as raw bytes: the pipeline has
 * a response decoder but no request encoder, so the hot path is a few array copies into one pooled
 * buffer, as wrk does. A tools/call differs from the previous one on the same session only in its
 * id (a session must not reuse one), so its head is cached per session and its body is a fixed
 * prefix, the id, and a fixed suffix.
 */
final class Requests {
    static final String PROTOCOL_VERSION = "2025-06-18";
    /** The stateless era: no session, every request names it in a header and in {@code params._meta}. */
    static final String STATELESS_VERSION = "2026-07-28";
    /** The session-era version with tasks ({@code params.task} on tools/call). */
    static final String TASKS_VERSION = "2025-11-25";
    /** The TTL a task-augmented call asks for: long enough to outlive a run, short enough not to pile up in the store. */
    static final long TASK_TTL_MS = 60_000;
    private static final String ACCEPT = "application/json, text/event-stream";

    private final URI uri;
    private final String host;
    private final String path;
    private final byte[] callPrefix;
    private final byte[] callSuffix;
    private final byte[] statelessSuffix;
    private final byte[] statelessHead;
    private final byte[] taskCallSuffix;
    private final String sessionVersion;

    Requests(URI uri, String tool, String argumentsJson) {
        this(uri, tool, argumentsJson, PROTOCOL_VERSION);
    }

    /** Requests whose sessions negotiate {@code sessionVersion} ({@link #TASKS_VERSION} for task-augmented calls). */
    Requests(URI uri, String tool, String argumentsJson, String sessionVersion) {
        this.sessionVersion = sessionVersion;
        this.uri = uri;
        this.host = uri.getHost() + ":" + port(uri);
        this.path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.callPrefix = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.UTF_8);
        this.statelessSuffix = (",\"method\":\"tools/call\",\"params\":{\"name\":" + quote(tool) + ",\"arguments\":" + argumentsJson
                + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + STATELESS_VERSION + "\",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"sb-load\",\"version\":\"0.1.0\"}"
                + ",\"io.modelcontextprotocol/clientCapabilities\":{}}}}").getBytes(StandardCharsets.UTF_8);
        this.statelessHead = head("POST", null, "Content-Type: application/json\r\nAccept: " + ACCEPT + "\r\nMCP-Protocol-Version: " + STATELESS_VERSION
                + "\r\nMcp-Method: tools/call\r\nMcp-Name: " + tool + "\r\n").append("Content-Length: ").toString().getBytes(StandardCharsets.UTF_8);
        this.callSuffix = (",\"method\":\"tools/call\",\"params\":{\"name\":" + quote(tool) + ",\"arguments\":" + argumentsJson + "}}").getBytes(StandardCharsets.UTF_8);
        this.taskCallSuffix = (",\"method\":\"tools/call\",\"params\":{\"name\":" + quote(tool) + ",\"arguments\":" + argumentsJson
                + ",\"task\":{\"ttl\":" + TASK_TTL_MS + "}}}").getBytes(StandardCharsets.UTF_8);
    }

    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(uri.getHost(), port(uri));
    }

    /** A request as bytes: written to the socket as it is. */
    interface Raw {
        ByteBuf encode(ByteBufAllocator alloc);
    }

    Raw initialize(long id) {
        return post(null, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + sessionVersion
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"sb-load\",\"version\":\"0.1.0\"}}}");
    }

    Raw initialized(String session) {
        return post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** The head of a POST on {@code session} up to and including "Content-Length: ", cached by the worker. */
    byte[] postHead(String session) {
        return head("POST", session, "Content-Type: application/json\r\nAccept: " + ACCEPT + "\r\n").append("Content-Length: ").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A tools/call with {@code id}, after {@code head} from {@link #postHead}. */
    Raw call(byte[] head, long id) {
        return call(head, id, callSuffix);
    }

    /** A task-augmented tools/call ({@code params.task}) with {@code id}, after {@code head} from {@link #postHead}. */
    Raw taskCall(byte[] head, long id) {
        return call(head, id, taskCallSuffix);
    }

    /**
     * A stateless-era tools/call with {@code id}: no session; {@code MCP-Protocol-Version},
     * {@code Mcp-Method} and {@code Mcp-Name} headers that repeat what the body says, and the
     * protocol version, client info and capabilities in {@code params._meta}.
     */
    Raw statelessCall(long id) {
        return call(statelessHead, id, statelessSuffix);
    }

    private Raw call(byte[] head, long id, byte[] callSuffix) {
        return alloc -> {
            int idDigits = digits(id);
            int length = callPrefix.length + idDigits + callSuffix.length;
            ByteBuf buf = alloc.buffer(head.length + digits(length) + 4 + length);
            buf.writeBytes(head);
            writeDecimal(buf, length, digits(length));
            buf.writeShort(CRLF).writeShort(CRLF);
            buf.writeBytes(callPrefix);
            writeDecimal(buf, id, idDigits);
            return buf.writeBytes(callSuffix);
        };
    }

    private static final int CRLF = ('\r' << 8) | '\n';

    static int digits(long n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    /** Writes non-negative {@code n} in ASCII decimal, without a String on the way. */
    static void writeDecimal(ByteBuf buf, long n, int digits) {
        int at = buf.writerIndex() + digits;
        buf.writerIndex(at);
        do {
            buf.setByte(--at, (int) ('0' + n % 10));
            n /= 10;
        } while (n > 0);
    }

    Raw request(String session, long id, String method, String paramsJson) {
        return post(session, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":" + quote(method) + ",\"params\":" + paramsJson + "}");
    }

    Raw delete(String session) {
        return fixed(head("DELETE", session, "").append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    Raw stream(String session) {
        return fixed(head("GET", session, "Accept: text/event-stream\r\n").append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A request for plain HTTP mode: any method, an optional JSON body. */
    Raw plain(String method, byte[] body) {
        String extra = body == null ? "" : "Content-Type: application/json\r\n";
        byte[] head = head(method.toUpperCase(Locale.ROOT), null, extra).append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n")
                .toString().getBytes(StandardCharsets.UTF_8);
        return body == null ? fixed(head) : fixed(concat(head, body));
    }

    private Raw post(String session, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = postHead(session);
        return fixed(concat(concat(head, (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)), body));
    }

    private StringBuilder head(String method, String session, String extra) {
        StringBuilder h = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n").append(extra);
        if (session != null) h.append("Mcp-Session-Id: ").append(session).append("\r\nMCP-Protocol-Version: ").append(sessionVersion).append("\r\n");
        return h;
    }

    private static Raw fixed(byte[] bytes) {
        return alloc -> alloc.buffer(bytes.length).writeBytes(bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
