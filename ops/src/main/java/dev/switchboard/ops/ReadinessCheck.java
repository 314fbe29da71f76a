package dev.switchboard.ops;

/**
 * One thing {@code /ready} asks about: a kernel subsystem, and later a NATS connection or anything
 * else the server needs before it can take traffic. {@code /ready} runs every check in parallel,
 * each on its own virtual thread with the {@code ready.timeoutMs} limit, so a check may block.
 */
public interface ReadinessCheck {
    /** Names the check in the {@code /ready} answer, e.g. {@code kernel/tools}. */
    String name();

    /** The check's answer now; a thrown exception counts as not ready, with its message. */
    Readiness check() throws Exception;

    /**
     * One check's answer.
     *
     * @param ready  whether it can take traffic
     * @param metric a number an operator watches for it (a mailbox depth, a lag), 0 when none
     * @param detail a sentence an operator can act on
     */
    record Readiness(boolean ready, double metric, String detail) {}

    static ReadinessCheck of(String name, java.util.concurrent.Callable<Readiness> check) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Readiness check() throws Exception {
                return check.call();
            }
        };
    }
}
