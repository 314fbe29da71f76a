package dev.switchboard.kernel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The kernel's overload signal: engaged while any source (the in-flight count, any mailbox) is above
 * the watermark. Sources flip their own flag; the signal counts raised flags, so checking it is one
 * volatile read. Listeners are told on each transition and should read {@link #engaged()} for the
 * state, since transitions from several threads can arrive out of order.
 */
public final class Backpressure {
    private final AtomicInteger raised = new AtomicInteger();
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    /** Whether publishers should slow down now. */
    public boolean engaged() {
        return raised.get() > 0;
    }

    /** Calls {@code listener} with the current state whenever the signal may have changed. */
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    void raise(AtomicBoolean source) {
        if (source.compareAndSet(false, true) && raised.getAndIncrement() == 0) notifyListeners();
    }

    void lower(AtomicBoolean source) {
        // a plain read first: this runs on every settle, and the CAS would fail almost always
        if (source.get() && source.compareAndSet(true, false) && raised.decrementAndGet() == 0) notifyListeners();
    }

    private void notifyListeners() {
        boolean state = engaged();
        for (Consumer<Boolean> l : listeners) l.accept(state);
    }
}
