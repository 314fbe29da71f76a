package dev.switchboard.mcp.spi;

import dev.switchboard.mcp.codec.Decoded;

/**
 * What a session-oriented transport needs from the server: create, find and end sessions. The
 * server owns the table, the id generator, the cap on sessions and idle eviction, so every
 * transport (stdio, Streamable HTTP, WebSocket, TCP, legacy HTTP+SSE) shares one policy.
 */
public interface SessionHost {

    /** The result of {@link #open}. */
    sealed interface Opened {
        record Session(ServerSession session) implements Opened {}

        /** The session cap is reached; {@code reason} names the limit and the configuration key. */
        record Full(String reason) implements Opened {}
    }

    /** Opens a new session for a transport called {@code transportName} (for metrics and logs). */
    Opened open(String transportName);

    /**
     * The live session with {@code id}, or {@code null} when it is unknown, ended or evicted.
     *
     * @throws dev.switchboard.mcp.SessionsUnavailable when a cluster's session directory cannot be
     *     read, so the session can be neither found nor ruled out
     */
    ServerSession find(String id);

    /** Ends the session; {@code false} when there was none. */
    boolean end(String id);

    /**
     * Handles a message of the stateless era (2026-07-28): no session, everything the request
     * needs travels in its {@code params._meta} and the transport's headers (via the exchange).
     */
    void handleStateless(Decoded message, Exchange exchange);

    /** Protocol versions of the session era this server speaks, newest first. */
    java.util.List<String> supportedVersions();
}
