package dev.switchboard.kernel;

/**
 * A component's health at one moment.
 *
 * @param status UP, DEGRADED (working but above its watermark) or DOWN
 * @param detail a sentence an operator can act on
 * @param depth  the mailbox depth, where there is one (else 0)
 */
public record Health(Status status, String detail, long depth) {
    public enum Status { UP, DEGRADED, DOWN }

    public static Health up(String detail) {
        return new Health(Status.UP, detail, 0);
    }

    public static Health down(String detail) {
        return new Health(Status.DOWN, detail, 0);
    }

    /** UP and DEGRADED can take traffic; DOWN cannot. */
    public boolean ready() {
        return status != Status.DOWN;
    }
}
