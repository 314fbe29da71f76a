package dev.switchboard.load;

import java.time.Duration;

/**
 * How hard the {@code abuse} scenario leans on the server beside its normal client. Every abuser
 * connects to 127.0.0.1 only and reconnects when cut, so the pressure lasts the whole phase.
 *
 * @param slowloris     connections sending their request head one byte per {@code trickle}
 * @param silent        connections that connect and send nothing
 * @param neverReading  clients with a session, a subscribed GET SSE stream and a POST connection
 *                      pipelining large echo calls, reading nothing on either
 * @param trickle       the slowloris byte interval
 * @param warmup        unmeasured normal load before the unabused phase (JIT, pools)
 * @param settle        time the abusers get to connect before the abused phase is measured
 * @param echoBytes     the text each never-reading client asks {@code echo} to send back
 * @param touchHz       ticker changes per second announced to the never-reading SSE streams
 * @param rounds        calm and abused phases alternate this many times
 */
public record AbuseSpec(int slowloris, int silent, int neverReading, Duration trickle, Duration warmup, Duration settle,
                        int echoBytes, double touchHz, int rounds) {
    /** The server's defaults the allowance is computed from: http.maxBufferedBytes and the write-buffer high watermark. */
    static final long MAX_BUFFERED = 1024 * 1024, HIGH_WATER_MARK = 256 * 1024;
    /** Requests one connection can make the server hold: 16 waiting their turn, one being answered, one being read. */
    static final int HELD_REQUESTS = 18;
    /** Young-generation growth and allocator caching the JVM may keep after a burst (docs/operations.md, "Memory under abuse"). */
    static final long RUNTIME_SLACK = 256L * 1024 * 1024;

    public static AbuseSpec defaults() {
        return new AbuseSpec(300, 300, 50, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(4), 256 * 1024, 20, 3);
    }

    /** Fewer abusers, shorter warm-up: a run of well under a minute. */
    public static AbuseSpec quick() {
        return new AbuseSpec(150, 150, 25, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3), 256 * 1024, 20, 2);
    }

    public int connections() {
        return slowloris + silent + 2 * neverReading;
    }

    /**
     * What the server may hold for these abusers by the bound in docs/operations.md: each
     * never-reading client's POST connection its held requests, unsent output up to
     * http.maxBufferedBytes plus the high watermark and one answer; its SSE stream the same
     * output bound; each slowloris or silent connection 16 KiB (a partial head, the channel);
     * plus the runtime's slack.
     */
    public long memoryAllowance() {
        long request = echoBytes + 512L;
        long posts = neverReading * (HELD_REQUESTS * request + MAX_BUFFERED + HIGH_WATER_MARK + request);
        long streams = neverReading * (MAX_BUFFERED + HIGH_WATER_MARK);
        return posts + streams + (long) (slowloris + silent) * 16 * 1024 + RUNTIME_SLACK;
    }
}
