package dev.switchboard.mcp;

/**
 * Where a server meets its clients; pass one to {@link McpServer#serve} or {@link McpServer#start}.
 *
 * <pre>{@code
 * server.serve(Transport.http(8080));   // Streamable HTTP on http://127.0.0.1:8080/mcp
 * server.serve(Transport.stdio());      // newline-delimited JSON on stdin and stdout
 * }</pre>
 *
 * <p>The transports themselves live in the {@code transport} module (the {@code switchboard}
 * artifact brings it); {@link McpServer} finds them with {@link java.util.ServiceLoader}. For every
 * HTTP setting (body cap, allowed hosts, replay buffer, ops routes) start
 * {@code StreamableHttpServer} directly.
 */
public sealed interface Transport {
    /** Streamable HTTP at {@code http://host:port/mcp}; port 0 picks a free one. */
    record Http(String host, int port) implements Transport {
        public Http {
            java.util.Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    /** Newline-delimited JSON-RPC on the process's stdin and stdout; logs belong on stderr. */
    record Stdio() implements Transport {}

    /** Streamable HTTP on the loopback address only (the safe default). */
    static Transport http(int port) {
        return new Http("127.0.0.1", port);
    }

    static Transport http(String host, int port) {
        return new Http(host, port);
    }

    static Transport stdio() {
        return new Stdio();
    }
}
