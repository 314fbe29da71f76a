package dev.switchboard.tasks;

import java.util.concurrent.atomic.AtomicLong;

/* The engine's mutable ledger counters; TaskLedger is the immutable snapshot handed out. */
final class LedgerCounts {
    final AtomicLong created = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong running = new AtomicLong();

    TaskLedger snapshot() {
        return new TaskLedger(created.get(), completed.get(), failed.get(), cancelled.get(), expired.get(), running.get());
    }
}
