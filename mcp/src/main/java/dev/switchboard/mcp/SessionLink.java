package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.RequestId;
import java.lang.System.Logger.Level;

/*
 * Why: what one session of a cluster asks of the session directory beyond its record: where an
 * answer to another node's request goes, the journal that carries its standalone stream's events,
 * and the take-over of that stream. Kept apart from Session, which a single node uses without any of it; each call
 * that fails is logged here and the session carries on on this node.
 */
final class SessionLink {
    private static final System.Logger LOG = System.getLogger(SessionLink.class.getName());

    private final String sessionId;
    private final SessionDirectory directory;
    /** Prefix of this node's server-to-client request ids: names the node, so the answer finds its way back. */
    final String outboundPrefix;
    /** Where the session's standalone-stream events go in the cluster; null when the directory keeps no journal. */
    private final dev.switchboard.mcp.spi.StreamJournal journal;

    SessionLink(String sessionId, SessionDirectory directory, boolean journaled) {
        this.sessionId = sessionId;
        this.directory = directory;
        String node = directory.node();
        this.outboundPrefix = node == null ? "s-" : "s-" + node + "-";
        this.journal = journaled ? directory.streamJournal(sessionId) : null;
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

    /** The journal of the session's standalone stream, or null when the directory keeps none. */
    dev.switchboard.mcp.spi.StreamJournal journal() {
        return journal;
    }

    /** Journals an event for the session's standalone stream, once per {@code eventKey} cluster-wide. */
    void append(String eventKey, byte[] message) {
        try {
            journal.append(eventKey, message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + sessionId + ": event " + eventKey + " not journaled; its stream will not carry it: " + e.getMessage());
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
