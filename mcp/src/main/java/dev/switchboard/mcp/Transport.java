package dev.switchboard.mcp;

/**
 * Where a server meets its clients; pass one to {@link McpServer#serve} or {@link McpServer#start}.
 *
 * <pre>{@code
 * server.serve(Transport.http(8080));   // Streamable HTTP on http://127.0.0.1:8080/mcp
 * server.serve(Transport.stdio());      // newline-delimited JSON on stdin and stdout
 * server.serve(Transport.tcp(7070));    // newline-delimited JSON over TCP on 127.0.0.1:7070
 * }</pre>
 *
 * <p>The HTTP transport also serves WebSocket ({@code ws://host:port/mcp/ws}, subprotocol
 * {@code mcp}) and the legacy HTTP+SSE transport ({@code /sse}) on the same port.
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

    /**
     * Newline-delimited JSON-RPC over TCP, a session per connection; port 0 picks a free one.
     * With both PEM files (a certificate chain and a PKCS#8 key) it speaks TLS 1.2+.
     */
    record Tcp(String host, int port, java.nio.file.Path certFile, java.nio.file.Path keyFile) implements Transport {
        public Tcp {
            java.util.Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
            if ((certFile == null) != (keyFile == null)) throw new IllegalArgumentException("TLS needs both certFile and keyFile");
        }

        /** The same listener over TLS from these PEM files. */
        public Tcp withTls(java.nio.file.Path cert, java.nio.file.Path key) {
            return new Tcp(host, port, java.util.Objects.requireNonNull(cert, "cert"), java.util.Objects.requireNonNull(key, "key"));
        }
    }

    /** Streamable HTTP on the loopback address only (the safe default). */
    static Transport http(int port) {
        return new Http("127.0.0.1", port);
    }

    static Transport http(String host, int port) {
        return new Http(host, port);
    }

    /** Newline-delimited JSON over TCP on the loopback address only. */
    static Tcp tcp(int port) {
        return new Tcp("127.0.0.1", port, null, null);
    }

    static Tcp tcp(String host, int port) {
        return new Tcp(host, port, null, null);
    }

    static Transport stdio() {
        return new Stdio();
    }
}
