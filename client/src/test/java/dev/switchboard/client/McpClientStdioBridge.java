package dev.switchboard.client;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A stdio server in the test's own process: one {@link McpServer} session fed newline-delimited
 * JSON, answering one line per message through an {@link Exchange} and the session channel.
 *
 * <p>OS pipes rather than {@code PipedInputStream}: the latter remembers the last thread that
 * wrote and fails reads with "Write end dead" once it ends, and every server handler writes from
 * a short-lived virtual thread.
 */
final class McpClientStdioBridge implements AutoCloseable {

    /** What the client reads: the server's stdout. */
    final InputStream clientIn;
    /** What the client writes: the server's stdin. */
    final OutputStream clientOut;
    final ServerSession session;

    private final McpServer server;
    private final OutputStream serverOut;

    McpClientStdioBridge(McpServer server) {
        this.server = server;
        try {
            Pipe toServer = Pipe.open();
            Pipe toClient = Pipe.open();
            this.clientOut = Channels.newOutputStream(toServer.sink());
            this.clientIn = Channels.newInputStream(toClient.source());
            this.serverOut = Channels.newOutputStream(toClient.sink());
            this.session = ((SessionHost.Opened.Session) server.sessionHost().open("stdio")).session();
            session.attach(this::write);
            InputStream serverIn = Channels.newInputStream(toServer.source());
            Thread.ofVirtual().name("bridge-reader").start(() -> read(serverIn));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(InputStream serverIn) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(serverIn, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                session.handle(server.codec().decode(line), new LineExchange());
            }
        } catch (IOException e) {
            // the test closed the pipe
        }
        close();
    }

    private boolean write(byte[] message) {
        synchronized (serverOut) {
            try {
                serverOut.write(message);
                serverOut.write('\n');
                serverOut.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Ends the session and closes the server's stdout, as a server process exiting would. */
    @Override
    public void close() {
        // stdout first: a process that exits answers nothing, while an ended session answers its calls in flight
        synchronized (serverOut) {
            try {
                serverOut.close();
            } catch (IOException e) {
                // already closed
            }
        }
        server.sessionHost().end(session.id());
    }

    private final class LineExchange implements Exchange {
        @Override
        public void send(byte[] message) {
            write(message);
        }

        @Override
        public void respond(byte[] response) {
            write(response);
        }

        @Override
        public void abandon() {
            // a cancelled request gets no response
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of();
        }
    }
}
