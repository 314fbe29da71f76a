package dev.switchboard.transport;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.SessionHost;
import dev.switchboard.mcp.spi.TransportProvider;
import dev.switchboard.mcp.Served;
import dev.switchboard.mcp.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The transports of this module behind {@code McpServer.serve(Transport)}: found by
 * {@link java.util.ServiceLoader} (see {@code META-INF/services}), so the server API does not
 * depend on Netty.
 */
public final class NettyTransports implements TransportProvider {
    private static final System.Logger LOG = System.getLogger(NettyTransports.class.getName());

    @Override
    public Served start(Transport transport, SessionHost host, JsonRpcCodec codec) throws InterruptedException {
        return switch (transport) {
            case Transport.Http http -> {
                StreamableHttpServer server = StreamableHttpServer.start(host, codec, HttpSettings.defaults().withHost(http.host()).withPort(http.port()));
                yield new Served() {
                    @Override public int port() { return server.port(); }
                    @Override public void awaitClose() throws InterruptedException { server.awaitClose(); }
                    @Override public void close() { server.close(); }
                };
            }
            case Transport.Stdio stdio -> stdio(host, codec);
            case Transport.Tcp tcp -> {
                TlsFiles tls = tcp.certFile() == null ? null : new TlsFiles(tcp.certFile(), tcp.keyFile());
                TcpServer server = TcpServer.start(host, codec, TcpSettings.defaults().withHost(tcp.host()).withPort(tcp.port()), tls);
                yield new Served() {
                    @Override public int port() { return server.port(); }
                    @Override public void awaitClose() throws InterruptedException { server.awaitClose(); }
                    @Override public void close() { server.close(); }
                };
            }
        };
    }

    private static Served stdio(SessionHost host, JsonRpcCodec codec) {
        StdioTransport stdio = new StdioTransport(host, codec, System.in, System.out);
        // a platform thread: the loop blocks reading stdin for the whole life of the process
        Thread loop = Thread.ofPlatform().name("mcp-stdio").start(() -> {
            try {
                stdio.run();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "stdio transport ended: " + e.getMessage(), e);
            }
        });
        return new Served() {
            @Override public int port() { return -1; }
            @Override public void awaitClose() throws InterruptedException { loop.join(); }
            @Override public void close() {
                // stdin cannot be unblocked portably; the loop ends at end of input or with the process
                loop.interrupt();
            }
        };
    }
}
