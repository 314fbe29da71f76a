package dev.switchboard.mcp.spi;

import dev.switchboard.mcp.codec.Decoded;

/**
 * One client's session with the server (the 2025-11-25 era), as a transport drives it.
 *
 * <p>{@link #handle} returns at once: requests run on virtual threads and answer through their
 * {@link Exchange}; notifications and responses are absorbed (the transport acknowledges them,
 * HTTP with 202). Messages that belong to no request go to the attached {@link SessionChannel}.
 */
public interface ServerSession {
    /** The cryptographically random id, as sent in {@code Mcp-Session-Id}. */
    String id();

    /** The negotiated protocol version, or {@code null} before {@code initialize} completes. */
    String protocolVersion();

    /** Handles one decoded incoming message; a {@link Decoded.Request} is answered through {@code exchange}. */
    void handle(Decoded message, Exchange exchange);

    /** Attaches the channel for messages that belong to no request, replacing any previous one. */
    void attach(SessionChannel channel);

    /** Detaches {@code channel} if it is the attached one. */
    void detach(SessionChannel channel);

    /**
     * The principal (subject) this session is bound to, or {@code null} when it was opened without
     * one. A transport that authenticates treats the session as unknown to anyone else.
     */
    default String owner() {
        return null;
    }

    /** Binds this session to {@code owner}, once, when it is opened; later calls are ignored. */
    default void bindOwner(String owner) {}

    /** Marks the session active now, for idle eviction. */
    void touch();

    /**
     * The cluster's journal of this session's standalone-stream events, which then carries every
     * event of that stream (the transport feeds its stream from it); {@code null} on a single node.
     */
    default StreamJournal streamJournal() {
        return null;
    }

    /** This node now holds the session's standalone stream: the other nodes of a cluster let go of theirs. */
    default void holdStream() {}
}
