package dev.switchboard.transport;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an HTTP listener has carried: bytes in and out on its sockets, SSE streams open and opened,
 * connections open, and connections it refused at a cap or cut at a deadline (by
 * {@link ConnectionClosure}). Counters only, read by whoever reports them (the ops module's metrics).
 */
public final class HttpTraffic {
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final AtomicLong openStreams = new AtomicLong();
    final LongAdder streamsOpened = new LongAdder();
    final AtomicLong openConnections = new AtomicLong();
    private final LongAdder[] closures = new LongAdder[ConnectionClosure.values().length];

    public HttpTraffic() {
        for (int i = 0; i < closures.length; i++) closures[i] = new LongAdder();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** SSE streams of the MCP endpoint open now (standalone GET streams and POST answers sent as streams). */
    public long openStreams() {
        return openStreams.get();
    }

    public long streamsOpened() {
        return streamsOpened.sum();
    }

    public long openConnections() {
        return openConnections.get();
    }

    /** Connections refused or closed for {@code why} since the listener started. */
    public long closed(ConnectionClosure why) {
        return closures[why.ordinal()].sum();
    }

    void countClosed(ConnectionClosure why) {
        closures[why.ordinal()].increment();
    }
}
