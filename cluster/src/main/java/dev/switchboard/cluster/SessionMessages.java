package dev.switchboard.cluster;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.util.regex.Pattern;

/*
 * Why: the encoding of the session messages nodes send each other (a client's answer passed on to
 * the node that asked) in one place, so the codec can change here alone. Today: the session id in a
 * header, the JSON-RPC message as the client sent it in the body. Decoding refuses anything else
 * with a reason, which the caller logs and counts.
 */
final class SessionMessages {
    static final String REPLY_PREFIX = "sb.reply.";
    /** Where a node says it now holds a session's standalone stream. */
    static final String STREAM_HELD = "sb.stream";
    private static final String SESSION = "Sb-Session";
    private static final String NODE_HEADER = "Sb-Node";
    private static final String STREAM_OPEN = "Sb-Stream-Open";
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final JsonRpcCodec CODEC = JsonRpcCodec.create();

    /** A client's answer for the node that sent the request. */
    record Reply(String sessionId, Decoded.Response response) {
    }

    /** Why a message was refused. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why);
        }
    }

    private SessionMessages() {
    }

    /** The subject of {@code node}'s answers. */
    static String replySubject(String node) {
        return REPLY_PREFIX + node;
    }

    static boolean validNode(String node) {
        return node != null && NODE.matcher(node).matches();
    }

    static Headers replyHeaders(String sessionId) {
        return new Headers().put(SESSION, sessionId);
    }

    static byte[] replyBody(Decoded.Response r) {
        return r.isError() ? CODEC.encodeError(r.id(), r.error()) : CODEC.encodeResult(r.id(), r.result());
    }

    static Reply reply(Message m) throws Refused {
        Headers h = m.getHeaders();
        String session = h == null ? null : h.getFirst(SESSION);
        if (!SessionStreams.validKey(session)) throw new Refused("no valid " + SESSION + " header");
        byte[] data = m.getData();
        if (data == null || data.length == 0) throw new Refused("empty body");
        Decoded d;
        try {
            d = CODEC.decode(data);
        } catch (RuntimeException e) {
            throw new Refused("unreadable body: " + e.getMessage());
        }
        if (!(d instanceof Decoded.Response r)) throw new Refused("body is not a JSON-RPC response");
        return new Reply(session, r);
    }

    /** A journaled event names its session; its body is the JSON-RPC message. */
    static Headers eventHeaders(String sessionId) {
        return new Headers().put(SESSION, sessionId);
    }

    /** The mark where a new standalone stream of the session starts in its journal. */
    static Headers streamOpenHeaders(String sessionId) {
        return new Headers().put(SESSION, sessionId).put(STREAM_OPEN, "1");
    }

    /** A journal entry's event, or null for a stream's opening mark. */
    static byte[] event(String sessionId, Message m) throws Refused {
        Headers h = m.getHeaders();
        if (h == null || !sessionId.equals(h.getFirst(SESSION))) throw new Refused("journal entry without its " + SESSION + " header");
        if (h.getFirst(STREAM_OPEN) != null) return null;
        byte[] data = m.getData();
        if (data == null || data.length == 0 || data[0] != '{') throw new Refused("journal entry without a JSON-RPC message");
        return data;
    }

    static Headers streamHeld(String node, String sessionId) {
        return new Headers().put(NODE_HEADER, node).put(SESSION, sessionId);
    }

    /** The node and session of a stream-held message. */
    record StreamHeld(String node, String sessionId) {
    }

    static StreamHeld streamHeld(Message m) throws Refused {
        Headers h = m.getHeaders();
        String node = h == null ? null : h.getFirst(NODE_HEADER);
        String session = h == null ? null : h.getFirst(SESSION);
        if (!validNode(node) || !SessionStreams.validKey(session)) throw new Refused("no valid " + NODE_HEADER + " or " + SESSION + " header");
        return new StreamHeld(node, session);
    }

    /** The node named by a server-to-client request id {@code s-<node>-<n>}, or null. */
    static String nodeOf(String requestId) {
        int last = requestId.lastIndexOf('-');
        if (!requestId.startsWith("s-") || last <= 2) return null;
        String node = requestId.substring(2, last);
        return validNode(node) ? node : null;
    }
}
