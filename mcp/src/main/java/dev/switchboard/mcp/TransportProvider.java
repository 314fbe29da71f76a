package dev.switchboard.mcp;

/**
 * The service-provider seam between {@link McpServer#serve} and the transport implementations
 * (registered in {@code META-INF/services}); users never call it.
 */
public interface TransportProvider {
    /** Starts {@code transport} for {@code host}, or returns {@code null} when this provider does not serve that kind. */
    Served start(Transport transport, SessionHost host, JsonRpcCodec codec) throws Exception;
}
