package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.RequestId;
import java.lang.System.Logger.Level;
import java.util.List;

/*
 * Why: what one session of a cluster asks of the session directory beyond its record: where an
 * answer to another node's request goes, the journal of its standalone stream, and the take-over
 * of that stream. Kept apart from Session, which a single node uses without any of it; each call
 * that fails is logged here and the session carries on on this node.
 */
final class SessionLink {
    private static final System.Logger LOG = System.getLogger(SessionLink.class.getName());

    private final String sessionId;
    private final SessionDirectory directory;
    /** Prefix of this node's server-to-client request ids: names the node, so the answer finds its way back. */
    final String outboundPrefix;

    SessionLink(String sessionId, SessionDirectory directory) {
        this.sessionId = sessionId;
        this.directory = directory;
        String node = directory.node();
        this.outboundPrefix = node == null ? "s-" : "s-" + node + "-";
    }

    /** Passes on an answer to a request this node did not send (one with another node's prefix). */
    void answerElsewhere(Decoded.Response response) {
        if (directory.node() == null || !(response.id() instanceof RequestId.StringId id) || id.value().startsWith(outboundPrefix)) return;
        try {
            directory.answer(sessionId, response);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + sessionId + ": answer " + response.id() + " not passed on: " + e.getMessage());
        }
    }

    void journal(String eventId, byte[] message) {
        try {
            directory.journal(sessionId, eventId, message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + sessionId + ": event " + eventId + " not journaled; another node cannot replay it: " + e.getMessage());
        }
    }

    List<SessionDirectory.StreamEvent> journalAfter(String eventId) {
        try {
            return directory.journalAfter(sessionId, eventId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + sessionId + ": the stream journal cannot be read: " + e.getMessage());
            return null;
        }
    }

    void holdStream() {
        try {
            directory.holdStream(sessionId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + sessionId + ": other nodes not told this one holds its stream: " + e.getMessage());
        }
    }
}
