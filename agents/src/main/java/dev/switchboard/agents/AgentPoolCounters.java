package dev.switchboard.agents;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What one pool counts for /metrics and the benchmark: restarts, failovers, refusals, refused answers, calls and their time. */
final class AgentPoolCounters {
    final AtomicLong restarts = new AtomicLong();
    final AtomicLong failovers = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong startFailures = new AtomicLong();
    /** Messages from the agent refused unread: over maxMessageBytes, and not JSON-RPC (whether or not a call waited for them). */
    final AtomicLong oversized = new AtomicLong();
    final AtomicLong unreadable = new AtomicLong();
    final LongAdder calls = new LongAdder();
    final LongAdder callNanos = new LongAdder();
    final LongAdder inFlight = new LongAdder();
    /** When the last retry after a lost member was sent to its new member ({@link System#nanoTime()}), for the failover benchmark. */
    volatile long lastRetrySentNanos;
}
