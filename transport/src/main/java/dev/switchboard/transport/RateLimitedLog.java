package dev.switchboard.transport;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * A logger that lets through a burst of lines and then a steady few per second (a token bucket),
 * counting what it drops and saying so in the next line it lets through. Abuse comes in crowds:
 * a thousand slow clients cut at once must cost the operator a handful of lines, not a thousand,
 * and the log must still say how many there were.
 */
final class RateLimitedLog {
    private final System.Logger logger;
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private long suppressed;

    RateLimitedLog(System.Logger logger, double perSecond, double burst) {
        this.logger = logger;
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    /** Logs {@code message} at {@code level} when the bucket has a token; otherwise counts it. */
    void log(Level level, Supplier<String> message) {
        if (!logger.isLoggable(level)) return;
        long dropped;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens < 1) {
                suppressed++;
                return;
            }
            tokens -= 1;
            dropped = suppressed;
            suppressed = 0;
        }
        String line = message.get();
        logger.log(level, dropped == 0 ? line : line + " (" + dropped + " similar lines suppressed before this one)");
    }

    /** Lines dropped since the last one let through. */
    synchronized long suppressed() {
        return suppressed;
    }
}
