package dev.switchboard.mcp.spi;

/**
 * A cluster's journal of one session's standalone-stream events: the path every such event takes
 * in a cluster, so that it is kept once whichever node raised it and whether or not a node holds
 * the stream, and a client resumes with {@code Last-Event-ID} on any node. Positions are the
 * journal's own sequence numbers: increasing in the order events were journaled, shared by all
 * sessions (so they have gaps).
 *
 * <p>A single node has none ({@link ServerSession#streamJournal()} is {@code null}): its stream
 * writes events as they are raised.
 */
public interface StreamJournal {

    /**
     * Journals {@code message} for the session's standalone stream once per {@code eventKey}: the
     * same key journaled by several nodes (each raising the same cluster-wide event) is kept once.
     * Does not wait for the journal.
     */
    void append(String eventKey, byte[] message);

    /**
     * Marks the start of a new standalone stream in the journal and returns its position: the
     * stream carries the events journaled after it.
     *
     * @throws RuntimeException when the journal cannot be written now
     */
    long open();

    /** Whether the journal still holds this session's entry at {@code position} (and so every later one). */
    boolean holds(long position);

    /**
     * Feeds {@code sink} the session's events after {@code position}, oldest first, then each new
     * one as it is journaled, each once, until the returned handle is closed.
     *
     * @throws RuntimeException when the journal cannot be read now
     */
    AutoCloseable follow(long position, Sink sink);

    /** Takes the events a {@link #follow} feeds, on one thread at a time. */
    @FunctionalInterface
    interface Sink {
        void event(long position, byte[] message);
    }
}
