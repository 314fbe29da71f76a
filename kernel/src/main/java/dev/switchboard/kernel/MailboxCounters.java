package dev.switchboard.kernel;

import java.util.concurrent.atomic.LongAdder;

/** The counters every mailbox keeps; LongAdder because producers are many and contend. */
final class MailboxCounters {
    final LongAdder enqueued = new LongAdder();
    final LongAdder dequeued = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder fullEvents = new LongAdder();
    final LongAdder errors = new LongAdder();

    MailboxStats snapshot(int depth) {
        return new MailboxStats(enqueued.sum(), dequeued.sum(), dropped.sum(), fullEvents.sum(), errors.sum(), depth);
    }
}
