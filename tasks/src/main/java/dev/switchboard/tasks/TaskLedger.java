package dev.switchboard.tasks;

/**
 * The task ledger since the engine started, the live tasks found in the store at start counted
 * as created. At every quiet moment {@code created == completed + failed + cancelled + expired
 * + running}; {@link #balanced()} checks it.
 */
public record TaskLedger(long created, long completed, long failed, long cancelled, long expired, long running) {
    public boolean balanced() {
        return created == completed + failed + cancelled + expired + running;
    }
}
