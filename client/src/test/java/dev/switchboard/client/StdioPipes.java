package dev.switchboard.client;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.StdioTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;

/**
 * The real stdio transport ({@link StdioTransport}) serving an {@link McpServer} in the test's
 * own process, its stdin and stdout being OS pipes whose other ends the client gets.
 *
 * <p>OS pipes rather than {@code PipedInputStream}: the latter remembers the last thread that
 * wrote and fails reads with "Write end dead" once it ends, and every server handler writes from
 * a short-lived virtual thread.
 */
final class StdioPipes implements AutoCloseable {

    /** What the client reads: the server's stdout. */
    final InputStream clientIn;
    /** What the client writes: the server's stdin. */
    final OutputStream clientOut;

    private final InputStream serverIn;
    private final OutputStream serverOut;

    StdioPipes(McpServer server) {
        try {
            Pipe toServer = Pipe.open();
            Pipe toClient = Pipe.open();
            this.clientOut = Channels.newOutputStream(toServer.sink());
            this.clientIn = Channels.newInputStream(toClient.source());
            this.serverIn = Channels.newInputStream(toServer.source());
            this.serverOut = Channels.newOutputStream(toClient.sink());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // no drain at end of input: a test that ends the server wants it gone at once
        StdioTransport transport = new StdioTransport(server.sessionHost(), server.codec(), serverIn, serverOut,
                StdioTransport.MAX_LINE_BYTES.defaultValue(), 0);
        Thread.ofVirtual().name("stdio-server").start(() -> {
            try {
                transport.run();
            } catch (IOException e) {
                // close() cut the server's stdin
            } finally {
                closeQuietly(serverOut);
            }
        });
    }

    /**
     * Stops the server as a process dying would: its stdout closes first, so nothing more reaches the
     * client (not even the answers its ending session writes to calls in flight), then its stdin.
     */
    @Override
    public void close() {
        closeQuietly(serverOut);
        closeQuietly(serverIn);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
