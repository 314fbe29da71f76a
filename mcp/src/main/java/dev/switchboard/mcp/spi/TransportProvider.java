package dev.switchboard.mcp.spi;

import dev.switchboard.mcp.Served;
import dev.switchboard.mcp.Transport;
import dev.switchboard.mcp.codec.JsonRpcCodec;

/**
 * The service-provider seam between {@link McpServer#serve} and the transport implementations
 * (registered in {@code META-INF/services}); users never call it.
 */
public interface TransportProvider {
    /** Starts {@code transport} for {@code host}, or returns {@code null} when this provider does not serve that kind. */
    Served start(Transport transport, SessionHost host, JsonRpcCodec codec) throws Exception;
}
