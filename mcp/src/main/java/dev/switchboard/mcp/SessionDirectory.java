package dev.switchboard.mcp;

import java.util.Optional;

/**
 * Where session-era state lives beyond this process, so that any node of a cluster answers any
 * request of any session. A single node has none (the default): its sessions live in its memory
 * only. The cluster module implements it on a JetStream key-value bucket.
 *
 * <p>The server saves a session's record after {@code initialize}, {@code logging/setLevel},
 * {@code resources/subscribe}/{@code unsubscribe} (synchronously: the next request may land on
 * another node) and refreshes its last activity now and then; it loads a record when a request
 * names a session it does not hold; it removes the record when the session is deleted or evicted.
 * Implementations tell the server of changes and removals made by other nodes.
 */
public interface SessionDirectory {

    /** Stores (replaces) the session's record; durable when it returns. */
    void save(SessionRecord session);

    /** Stores the session's record without waiting (a last-activity refresh). */
    default void saveLater(SessionRecord session) {
        save(session);
    }

    /** The session's record, or empty when no node holds it. */
    Optional<SessionRecord> load(String sessionId);

    /** Removes the session on every node. */
    void remove(String sessionId);

    /** Removes every session whose last activity is older than {@code beforeMs} (epoch ms); returns how many. */
    int evictIdle(long beforeMs);

    /**
     * Tells the other nodes that the client cancelled {@code requestId} of this session, which this
     * node is not running (the request's POST reached another node).
     */
    default void cancel(String sessionId, dev.switchboard.mcp.protocol.RequestId requestId) {
    }

    /**
     * This node's name, unique in the cluster and made of letters, digits and {@code -}: the
     * server-to-client requests sent from here carry ids {@code s-<node>-<n>}, so the node that
     * receives the client's answer knows where to pass it ({@link #answer}). {@code null} (the
     * default) keeps ids {@code s-<n>}.
     */
    default String node() {
        return null;
    }

    /**
     * Passes on the client's answer to a server-to-client request this node did not send: the
     * handler waiting for it runs on the node {@code response}'s id names.
     */
    default void answer(String sessionId, dev.switchboard.mcp.codec.Decoded.Response response) {
    }

    /**
     * The cluster's journal of the session's standalone-stream events ({@link
     * dev.switchboard.mcp.spi.StreamJournal}), through which every event of that stream goes;
     * {@code null} (the default) when there is none.
     */
    default dev.switchboard.mcp.spi.StreamJournal streamJournal(String sessionId) {
        return null;
    }

    /** Tells the other nodes this node now holds the session's standalone stream: they let go of theirs. */
    default void holdStream(String sessionId) {
    }

    /** Registers the one listener told of other nodes' changes and removals. */
    void listen(Listener listener);

    /** Told of what other nodes did. */
    interface Listener {
        /** Another node changed the session's record. */
        void changed(SessionRecord session);

        /** Another node removed the session (deleted or evicted it). */
        void removed(String sessionId);

        /** The client cancelled a request of the session on another node; it may be running here. */
        default void cancelled(String sessionId, dev.switchboard.mcp.protocol.RequestId requestId) {
        }

        /**
         * Another node now holds the session's standalone stream. A node that has not met the
         * session yet may adopt it, so that it too can journal what it raises for it.
         */
        default void streamHeldElsewhere(String sessionId) {
        }

        /** The client's answer to a server-to-client request this node sent reached another node. */
        default void answered(String sessionId, dev.switchboard.mcp.codec.Decoded.Response response) {
        }
    }
}
