package dev.switchboard.mcp.spi;

/**
 * A session's own outbound channel for messages that belong to no request: list changes, resource
 * updates, server-to-client requests made outside a request. Streamable HTTP backs it with the
 * standalone GET stream (when the client has one open); stdio with stdout.
 */
@FunctionalInterface
public interface SessionChannel {
    /** Sends {@code message}; {@code false} when the channel cannot take it now (no stream open). */
    boolean send(byte[] message);
}
