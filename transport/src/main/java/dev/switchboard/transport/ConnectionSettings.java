package dev.switchboard.transport;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * What one HTTP connection may cost the server: how long it may take to send a request's headers
 * and body, how long it may sit idle between requests, how many connections there may be (in all
 * and per client address), and how much unsent output a client that does not read may hold.
 * Every listener of ours (the MCP endpoint and the admin port) applies them through a
 * {@link ConnectionGuard}; docs/operations.md ("Memory under abuse") turns them into a memory bound.
 *
 * @param headerTimeout           from a connection's start, or a request's first byte, until its headers are complete
 * @param bodyTimeout             from the end of a request's headers until the end of its body (chunked included)
 * @param idleTimeout             a keep-alive connection with no request and no response in progress is closed after this;
 *                                an open SSE stream is a response in progress, so it is never idle
 * @param maxConnections          connections open at once on the listener; beyond it a new one gets 503 and is closed
 * @param maxConnectionsPerAddress connections open at once from one client address
 * @param maxBufferedBytes        unsent output a connection may hold; a write that finds more queued closes it
 * @param slowReaderTimeout       a connection whose output stays above the write-buffer high watermark this long is closed
 */
public record ConnectionSettings(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections,
                                 int maxConnectionsPerAddress, int maxBufferedBytes, Duration slowReaderTimeout) {
    public static final ConfigKey<Long> HEADER_TIMEOUT_MS = ConfigKey.longInteger("http.headerTimeoutMs", 10_000, 10, 3_600_000,
            "time allowed for a request's headers, from the connection's start or the request's first byte");
    public static final ConfigKey<Long> BODY_TIMEOUT_MS = ConfigKey.longInteger("http.bodyTimeoutMs", 30_000, 10, 3_600_000,
            "time allowed for a request's body after its headers (a chunked body that never ends is cut by it)");
    public static final ConfigKey<Long> IDLE_TIMEOUT_MS = ConfigKey.longInteger("http.idleTimeoutMs", 60_000, 10, 86_400_000,
            "a keep-alive connection with no request or response in progress (SSE streams are in progress) is closed after this");
    public static final ConfigKey<Integer> MAX_CONNECTIONS = ConfigKey.integer("http.maxConnections", 16_384, 1, 1_000_000,
            "connections open at once; more get 503 with Retry-After and are closed");
    public static final ConfigKey<Integer> MAX_CONNECTIONS_PER_ADDRESS = ConfigKey.integer("http.maxConnectionsPerAddress", 1_000, 1, 1_000_000,
            "connections open at once from one client address; more get 503 with Retry-After and are closed");
    public static final ConfigKey<Integer> MAX_BUFFERED_BYTES = ConfigKey.integer("http.maxBufferedBytes", 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024,
            "unsent output one connection may hold; a client that reads slower is disconnected (SSE clients may resume)");
    public static final ConfigKey<Long> SLOW_READER_TIMEOUT_MS = ConfigKey.longInteger("http.slowReaderTimeoutMs", 30_000, 10, 3_600_000,
            "a connection whose unsent output stays above the write-buffer high watermark this long is closed");

    /** Every key, in the order {@code sb config} lists them. */
    public static final List<ConfigKey<?>> KEYS = List.of(HEADER_TIMEOUT_MS, BODY_TIMEOUT_MS, IDLE_TIMEOUT_MS, MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_ADDRESS, MAX_BUFFERED_BYTES, SLOW_READER_TIMEOUT_MS);

    public ConnectionSettings {
        for (Duration d : List.of(headerTimeout, bodyTimeout, idleTimeout, slowReaderTimeout))
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("connection timeouts must be positive, was " + d);
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) throw new IllegalArgumentException("connection caps must be at least 1");
    }

    public static ConnectionSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    public static ConnectionSettings from(Config c) {
        return new ConnectionSettings(Duration.ofMillis(c.get(HEADER_TIMEOUT_MS)), Duration.ofMillis(c.get(BODY_TIMEOUT_MS)),
                Duration.ofMillis(c.get(IDLE_TIMEOUT_MS)), c.get(MAX_CONNECTIONS), c.get(MAX_CONNECTIONS_PER_ADDRESS),
                c.get(MAX_BUFFERED_BYTES), Duration.ofMillis(c.get(SLOW_READER_TIMEOUT_MS)));
    }

    public ConnectionSettings withTimeouts(Duration header, Duration body, Duration idle) {
        return new ConnectionSettings(header, body, idle, maxConnections, maxConnectionsPerAddress, maxBufferedBytes, slowReaderTimeout);
    }

    public ConnectionSettings withCaps(int total, int perAddress) {
        return new ConnectionSettings(headerTimeout, bodyTimeout, idleTimeout, total, perAddress, maxBufferedBytes, slowReaderTimeout);
    }

    public ConnectionSettings withSlowReaders(int bufferedBytes, Duration timeout) {
        return new ConnectionSettings(headerTimeout, bodyTimeout, idleTimeout, maxConnections, maxConnectionsPerAddress, bufferedBytes, timeout);
    }

    /** The shortest of the read and idle timeouts: the deadline timer never sleeps longer, so no deadline is ever missed. */
    Duration shortestTimeout() {
        Duration d = headerTimeout;
        if (bodyTimeout.compareTo(d) < 0) d = bodyTimeout;
        if (idleTimeout.compareTo(d) < 0) d = idleTimeout;
        return d;
    }
}
