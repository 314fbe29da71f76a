package dev.switchboard.mcp;

/** A transport serving a server, as {@link McpServer#start} returns it. */
public interface Served extends AutoCloseable {
    /** The bound port of a network transport (the ephemeral one when 0 was asked), or -1 for stdio. */
    int port();

    /** Blocks until the transport ends: end of input for stdio, {@link #close} for a listener. */
    void awaitClose() throws InterruptedException;

    /** Stops serving; the server itself stays open. */
    @Override
    void close();
}
