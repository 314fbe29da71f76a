package dev.switchboard.transport;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * MCP over plain TCP: newline-delimited JSON, one session per connection. Off unless
 * {@code tcp.port} is set.
 *
 * @param host             address to bind; 127.0.0.1 by default
 * @param port             the port; -1 (the default) leaves TCP off, 0 picks a free one
 * @param maxLineBytes     a longer line is refused with -32600 and skipped; the session carries on
 * @param maxConnections   connections open at once; more get a -32000 line and are closed
 * @param maxBufferedBytes unsent output one connection may hold; a client that reads slower is disconnected
 * @param slowReaderTimeout a connection whose output stays above the write-buffer high watermark this long is closed
 * @param drainTimeout     after the client ends its input, how long requests still running may take to answer
 */
public record TcpSettings(String host, int port, int maxLineBytes, int maxConnections, int maxBufferedBytes, Duration slowReaderTimeout,
                          Duration drainTimeout) {
    public static final ConfigKey<String> HOST = ConfigKey.string("tcp.host", "127.0.0.1", "address the TCP listener binds");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("tcp.port", -1, -1, 65_535,
            "port of the newline-delimited JSON listener; -1 leaves it off, 0 picks a free one");
    public static final ConfigKey<Integer> MAX_LINE_BYTES = ConfigKey.integer("tcp.maxLineBytes", 4 * 1024 * 1024, 1_024, 256 * 1024 * 1024,
            "TCP lines above this are refused with -32600 and skipped");
    public static final ConfigKey<Integer> MAX_CONNECTIONS = ConfigKey.integer("tcp.maxConnections", 16_384, 1, 1_000_000,
            "TCP connections open at once; more get a -32000 line and are closed");
    public static final ConfigKey<Integer> MAX_BUFFERED_BYTES = ConfigKey.integer("tcp.maxBufferedBytes", 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024,
            "unsent output one TCP connection may hold; a client that reads slower is disconnected");
    public static final ConfigKey<Long> SLOW_READER_TIMEOUT_MS = ConfigKey.longInteger("tcp.slowReaderTimeoutMs", 30_000, 10, 3_600_000,
            "a TCP connection whose unsent output stays above the write-buffer high watermark this long is closed");
    public static final ConfigKey<Long> DRAIN_TIMEOUT_MS = ConfigKey.longInteger("tcp.drainTimeoutMs", 30_000, 0, 3_600_000,
            "after a TCP client ends its input, how long requests still running may take to answer before the connection closes");

    /** TLS for TCP uses the node's one certificate: the files HTTPS is served from ({@link TlsFiles}). */
    public static final ConfigKey<Boolean> TLS = ConfigKey.bool("tcp.tls", false,
            "serve TCP over TLS 1.2+ with the certificate and key of http.tls.certFile and http.tls.keyFile (which must be set)");

    /** Every key, for {@link Config#load}. */
    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT, MAX_LINE_BYTES, MAX_CONNECTIONS, MAX_BUFFERED_BYTES, SLOW_READER_TIMEOUT_MS, DRAIN_TIMEOUT_MS,
            TLS);

    public static TcpSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    public static TcpSettings from(Config c) {
        return new TcpSettings(c.get(HOST), c.get(PORT), c.get(MAX_LINE_BYTES), c.get(MAX_CONNECTIONS), c.get(MAX_BUFFERED_BYTES),
                Duration.ofMillis(c.get(SLOW_READER_TIMEOUT_MS)), Duration.ofMillis(c.get(DRAIN_TIMEOUT_MS)));
    }

    /** Whether a port is configured. */
    public boolean enabled() {
        return port >= 0;
    }

    public TcpSettings withHost(String h) {
        return new TcpSettings(h, port, maxLineBytes, maxConnections, maxBufferedBytes, slowReaderTimeout, drainTimeout);
    }

    public TcpSettings withPort(int p) {
        return new TcpSettings(host, p, maxLineBytes, maxConnections, maxBufferedBytes, slowReaderTimeout, drainTimeout);
    }

    public TcpSettings withLimits(int lineBytes, int connections, int bufferedBytes) {
        return new TcpSettings(host, port, lineBytes, connections, bufferedBytes, slowReaderTimeout, drainTimeout);
    }

    /** The slow-reader bound in the form the shared {@link SlowReaders} guard takes. */
    ConnectionSettings connections() {
        return ConnectionSettings.defaults().withCaps(maxConnections, maxConnections).withSlowReaders(maxBufferedBytes, slowReaderTimeout);
    }
}
