package dev.switchboard.tasks;

/**
 * Where a task is in its life. {@code working} and {@code input_required} are live; the other
 * three are final and never change again (the store refuses a transition out of them).
 */
public enum TaskStatus {
    WORKING("working"),
    INPUT_REQUIRED("input_required"),
    COMPLETED("completed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    TaskStatus(String wire) {
        this.wire = wire;
    }

    /** The name on the wire in both protocol eras, e.g. {@code input_required}. */
    public String wire() {
        return wire;
    }

    /** True for completed, failed and cancelled. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
