package dev.switchboard.transport;

/**
 * Why a listener refused or closed a connection on its own: a connection cap was reached, a read
 * deadline passed, or the client read too slowly. {@link HttpTraffic#closed(ConnectionClosure)}
 * counts each; the ops module reports refusals as
 * {@code switchboard_http_connections_refused_total{reason=...}} and the rest as
 * {@code switchboard_http_connections_closed_total{reason=...}}, with {@link #label()} as the reason.
 */
public enum ConnectionClosure {
    /** Refused with a 503: {@code http.maxConnections} connections were open. */
    REFUSED_TOTAL_CAP("max_connections"),
    /** Refused with a 503: {@code http.maxConnectionsPerAddress} connections from the client's address were open. */
    REFUSED_ADDRESS_CAP("max_connections_per_address"),
    /** Cut (408 or close): a request's headers did not arrive within {@code http.headerTimeoutMs}. */
    HEADER_TIMEOUT("header_timeout"),
    /** Cut (408 or close): a request's body did not arrive within {@code http.bodyTimeoutMs} after its headers. */
    BODY_TIMEOUT("body_timeout"),
    /** Closed: a keep-alive connection sat idle for {@code http.idleTimeoutMs}. */
    IDLE_TIMEOUT("idle_timeout"),
    /** Closed: the client left more than {@code http.maxBufferedBytes} unsent, or output unwritable for {@code http.slowReaderTimeoutMs}. */
    SLOW_READER("slow_reader");

    private final String label;

    ConnectionClosure(String label) {
        this.label = label;
    }

    /** The metric tag value, snake case: {@code header_timeout}, {@code max_connections}, ... */
    public String label() {
        return label;
    }

    /** Whether the connection was refused at a cap (answered 503 before any request), not cut later. */
    public boolean refusal() {
        return this == REFUSED_TOTAL_CAP || this == REFUSED_ADDRESS_CAP;
    }
}
