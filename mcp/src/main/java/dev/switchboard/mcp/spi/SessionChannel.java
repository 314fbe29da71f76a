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

    /**
     * Whether the client is listening on this channel now (an HTTP GET stream with a live
     * connection; stdout for stdio). A session whose client listens is not idle, however long
     * nothing is sent. Channels that buffer for a client that may come back must say {@code false}
     * while it is away.
     */
    default boolean listening() {
        return true;
    }

    /**
     * Another node of the cluster took over the session's standalone stream (the client resumed
     * it there): this channel is detached from the session and should end its stream.
     */
    default void heldElsewhere() {}
}
