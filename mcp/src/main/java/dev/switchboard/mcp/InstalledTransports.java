package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.SessionHost;
import dev.switchboard.mcp.spi.TransportProvider;
import java.util.ServiceLoader;

/*
 * The transports on the class path, found with ServiceLoader: the mcp module names no transport
 * implementation, so a server without the transport module still builds (and says what to add).
 */
final class InstalledTransports {
    private InstalledTransports() {
    }

    /** Starts {@code transport} on the first provider that serves it. */
    static Served start(Transport transport, SessionHost host, JsonRpcCodec codec) {
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class, McpServer.class.getClassLoader())) {
            Served served;
            try {
                served = provider.start(transport, host, codec);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                throw new IllegalStateException("cannot start " + transport + ": " + e.getMessage(), e);
            }
            if (served != null) return served;
        }
        throw new IllegalStateException("no transport serves " + transport
                + ": add the dependency dev.switchboard:switchboard (or dev.switchboard:transport) to the class path");
    }
}
