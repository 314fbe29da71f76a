package dev.switchboard.kernel;

/**
 * A running handler's share of kernel capacity: its in-flight slot under
 * {@code performance.maxInflight} and, in a concurrent subsystem, its running permit.
 *
 * <p>A handler that must wait on something outside the server (an MCP client answering an
 * elicitation, a sampling or a roots request) {@linkplain #park parks} it for the wait, so minutes
 * spent waiting on a person do not keep other work out:
 *
 * <pre>{@code
 * try (Capacity.Parked away = delivery.capacity().park()) {
 *     answer = client.ask(question);   // may take minutes; the kernel's slot is free meanwhile
 * }
 * }</pre>
 *
 * <p>The message stays accepted and unended in the {@link Ledger} while it is parked; the kernel
 * counts it under {@link Kernel#parked()} instead of {@link Kernel#inFlight()}. Call it from the
 * handler, and close the handle before the handler returns (a handle left open is settled when
 * it returns, so the books stay exact either way).
 */
public interface Capacity {
    /** Capacity that is not metered: parking it does nothing (a handler run outside a kernel). */
    Capacity NONE = () -> Parked.NONE;

    /**
     * Gives the capacity back to the kernel until the returned handle is closed. Closing takes
     * the in-flight slot back at once, even past {@code performance.maxInflight} (the message was
     * admitted already: refusing it now would throw away what the outside world did for it), and
     * waits for a running permit like any queued message. Parks may nest; the capacity returns
     * when the last one closes.
     */
    Parked park();

    /** A parked capacity; {@link #close} takes it back (once; later calls do nothing). */
    interface Parked extends AutoCloseable {
        Parked NONE = () -> {};

        @Override
        void close();
    }
}
